package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.ACTIVITY;
import static dev.leadline.db.jooq.Tables.LEAD_ENRICHMENT;
import static dev.leadline.db.jooq.Tables.LEAD_SCORE;
import static dev.leadline.db.jooq.Tables.PROVIDER_FAILURE;
import static dev.leadline.db.jooq.Tables.SALES_LEAD;

import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.enrichment.EnrichmentSettings;
import dev.leadline.core.enrichment.EnrichmentStore;
import dev.leadline.core.enrichment.LeadInsight;
import dev.leadline.core.enrichment.ProviderFailure;
import dev.leadline.core.enrichment.ProviderScore;
import dev.leadline.core.enrichment.Provenance;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadStatus;
import dev.leadline.plugin.ActivitySummary;
import dev.leadline.plugin.ScoreReason;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Enrichment values with provenance, provider scores and failures in MariaDB. */
public final class JooqEnrichmentStore implements EnrichmentStore {
    private static final int FAILURES_SHOWN = 20;
    private final DSLContext dsl;

    public JooqEnrichmentStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<LeadId> pending(int limit, Instant now, Instant staleBefore) {
        List<LeadId> due = new ArrayList<>(dsl.select(SALES_LEAD.ID).from(SALES_LEAD).where(SALES_LEAD.ENRICHED_AT.isNull())
                .orderBy(SALES_LEAD.ID).limit(limit).fetch(r -> new LeadId(r.value1())));
        if (due.size() < limit) {
            due.addAll(dsl.select(SALES_LEAD.ID).from(SALES_LEAD).where(SALES_LEAD.ENRICH_DUE_AT.le(Times.toDb(now)))
                    .and(SALES_LEAD.ENRICHED_AT.isNotNull()).orderBy(SALES_LEAD.ENRICH_DUE_AT, SALES_LEAD.ID).limit(limit - due.size())
                    .fetch(r -> new LeadId(r.value1())));
        }
        if (due.size() < limit) {
            due.addAll(dsl.select(SALES_LEAD.ID).from(SALES_LEAD).where(SALES_LEAD.ENRICHED_AT.lt(Times.toDb(staleBefore)))
                    .orderBy(SALES_LEAD.ENRICHED_AT, SALES_LEAD.ID).limit(limit - due.size()).fetch(r -> new LeadId(r.value1())));
        }
        return due;
    }

    @Override
    public List<LeadId> neverEnriched(List<LeadId> leads) {
        if (leads.isEmpty()) {
            return List.of();
        }
        java.util.Set<Long> waiting = new java.util.HashSet<>(dsl.select(SALES_LEAD.ID).from(SALES_LEAD)
                .where(SALES_LEAD.ID.in(leads.stream().map(LeadId::value).toList())).and(SALES_LEAD.ENRICHED_AT.isNull()).fetch(SALES_LEAD.ID));
        return leads.stream().filter(l -> waiting.contains(l.value())).toList();
    }

    @Override
    public ActivitySummary activity(LeadId lead) {
        var counts = dsl.select(DSL.count().filterWhere(ACTIVITY.TYPE.eq(ActivityType.CONTACT_ATTEMPT.name())),
                        DSL.count().filterWhere(ACTIVITY.TYPE.eq(ActivityType.MEETING_SCHEDULED.name())))
                .from(ACTIVITY).where(ACTIVITY.LEAD_ID.eq(lead.value())).fetchOne();
        var last = dsl.select(SALES_LEAD.LAST_ACTIVITY_AT).from(SALES_LEAD).where(SALES_LEAD.ID.eq(lead.value())).fetchOne();
        return new ActivitySummary(counts.value1(), counts.value2(), last == null ? null : Times.fromDb(last.value1()));
    }

    @Override
    public Map<String, Provenance> provenance(LeadId lead) {
        Map<String, Provenance> fields = new LinkedHashMap<>();
        dsl.selectFrom(LEAD_ENRICHMENT).where(LEAD_ENRICHMENT.LEAD_ID.eq(lead.value())).orderBy(LEAD_ENRICHMENT.FIELD)
                .forEach(r -> fields.put(r.getField(), new Provenance(r.getField(), r.getValue(), r.getProvider(),
                        r.getConfidence().doubleValue(), Times.fromDb(r.getEnrichedAt()))));
        return fields;
    }

    @Override
    public void save(LeadId lead, Map<String, String> values, List<Provenance> changed, Integer score, List<ProviderScore> scores,
                     List<ProviderFailure> failures, Instant at) {
        new JooqTransactor(dsl).inTransaction(() -> {
            // the lead's row first: two runs for one lead (a late delivery during a refresh) queue here instead of deadlocking
            dsl.select(SALES_LEAD.ID).from(SALES_LEAD).where(SALES_LEAD.ID.eq(lead.value())).forUpdate().fetch();
            for (Provenance p : changed) {
                dsl.insertInto(LEAD_ENRICHMENT).set(LEAD_ENRICHMENT.LEAD_ID, lead.value()).set(LEAD_ENRICHMENT.FIELD, p.field())
                        .set(LEAD_ENRICHMENT.VALUE, clip(p.value(), 1000)).set(LEAD_ENRICHMENT.PROVIDER, p.provider())
                        .set(LEAD_ENRICHMENT.CONFIDENCE, BigDecimal.valueOf(p.confidence())).set(LEAD_ENRICHMENT.ENRICHED_AT, Times.toDb(p.at()))
                        .onDuplicateKeyUpdate().set(LEAD_ENRICHMENT.VALUE, clip(p.value(), 1000)).set(LEAD_ENRICHMENT.PROVIDER, p.provider())
                        .set(LEAD_ENRICHMENT.CONFIDENCE, BigDecimal.valueOf(p.confidence())).set(LEAD_ENRICHMENT.ENRICHED_AT, Times.toDb(p.at()))
                        .execute();
            }
            if (!changed.isEmpty()) {
                // the fields a lead has are counted by the data-quality report from its tally
                new JooqLeadEvents(dsl).refresh(List.of(lead.value()));
            }
            for (ProviderScore s : scores) {
                String reasons = reasons(s.reasons());
                dsl.insertInto(LEAD_SCORE).set(LEAD_SCORE.LEAD_ID, lead.value()).set(LEAD_SCORE.PROVIDER, s.provider())
                        .set(LEAD_SCORE.SCORE, s.score()).set(LEAD_SCORE.WEIGHT, BigDecimal.valueOf(s.weight()))
                        .set(LEAD_SCORE.REASONS, reasons).set(LEAD_SCORE.SCORED_AT, Times.toDb(s.at()))
                        .onDuplicateKeyUpdate().set(LEAD_SCORE.SCORE, s.score()).set(LEAD_SCORE.WEIGHT, BigDecimal.valueOf(s.weight()))
                        .set(LEAD_SCORE.REASONS, reasons).set(LEAD_SCORE.SCORED_AT, Times.toDb(s.at())).execute();
            }
            for (ProviderFailure f : failures) {
                dsl.insertInto(PROVIDER_FAILURE).set(PROVIDER_FAILURE.LEAD_ID, lead.value()).set(PROVIDER_FAILURE.PROVIDER, f.provider())
                        .set(PROVIDER_FAILURE.MESSAGE, clip(f.message(), 1000)).set(PROVIDER_FAILURE.FAILED_AT, Times.toDb(f.at())).execute();
            }
            // a failed provider brings the lead back after a backoff that doubles with each failed run in a row
            Integer failedRuns = dsl.select(SALES_LEAD.ENRICH_ATTEMPTS).from(SALES_LEAD).where(SALES_LEAD.ID.eq(lead.value())).fetchOne(SALES_LEAD.ENRICH_ATTEMPTS);
            int runs = failedRuns == null ? 0 : failedRuns;
            dsl.update(SALES_LEAD).set(SALES_LEAD.ENRICHMENT, Json.write(values)).set(SALES_LEAD.SCORE, score)
                    .set(SALES_LEAD.ENRICHED_AT, Times.toDb(at))
                    .set(SALES_LEAD.ENRICH_ATTEMPTS, failures.isEmpty() ? 0 : runs + 1)
                    .set(SALES_LEAD.ENRICH_DUE_AT, failures.isEmpty() ? null : Times.toDb(at.plus(EnrichmentSettings.retryAfter(runs))))
                    .where(SALES_LEAD.ID.eq(lead.value())).execute();
        });
    }

    @Override
    public void due(List<LeadId> leads, Instant at) {
        dsl.update(SALES_LEAD).set(SALES_LEAD.ENRICH_DUE_AT, Times.toDb(at))
                .where(SALES_LEAD.ID.in(leads.stream().map(LeadId::value).toList()))
                .and(SALES_LEAD.ENRICH_DUE_AT.isNull().or(SALES_LEAD.ENRICH_DUE_AT.gt(Times.toDb(at)))).execute();
    }

    @Override
    public int dueOpen(Instant at) {
        return dsl.update(SALES_LEAD).set(SALES_LEAD.ENRICH_DUE_AT, Times.toDb(at))
                .where(SALES_LEAD.STATUS.notIn(LeadStatus.CONVERTED.name(), LeadStatus.DISQUALIFIED.name()))
                .and(SALES_LEAD.ENRICH_DUE_AT.isNull().or(SALES_LEAD.ENRICH_DUE_AT.gt(Times.toDb(at)))).execute();
    }

    @Override
    public LeadInsight insight(LeadId lead) {
        List<ProviderScore> scores = dsl.selectFrom(LEAD_SCORE).where(LEAD_SCORE.LEAD_ID.eq(lead.value())).orderBy(LEAD_SCORE.PROVIDER)
                .fetch(r -> new ProviderScore(r.getProvider(), r.getScore(), r.getWeight().doubleValue(), reasons(r.getReasons()),
                        Times.fromDb(r.getScoredAt())));
        List<ProviderFailure> failures = dsl.selectFrom(PROVIDER_FAILURE).where(PROVIDER_FAILURE.LEAD_ID.eq(lead.value()))
                .orderBy(PROVIDER_FAILURE.FAILED_AT.desc(), PROVIDER_FAILURE.ID.desc()).limit(FAILURES_SHOWN)
                .fetch(r -> new ProviderFailure(r.getProvider(), r.getMessage(), Times.fromDb(r.getFailedAt())));
        Integer score = dsl.select(SALES_LEAD.SCORE).from(SALES_LEAD).where(SALES_LEAD.ID.eq(lead.value())).fetchOne(SALES_LEAD.SCORE);
        return new LeadInsight(List.copyOf(provenance(lead).values()), score, scores, failures);
    }

    @Override
    public List<dev.leadline.core.lead.Lead> decided(int max) {
        return dsl.selectFrom(SALES_LEAD).where(SALES_LEAD.STATUS.in(LeadStatus.CONVERTED.name(), LeadStatus.DISQUALIFIED.name()))
                .orderBy(SALES_LEAD.UPDATED_AT.desc()).limit(max).fetch(JooqLeadRepository::toLead);
    }

    private static String reasons(List<ScoreReason> reasons) {
        return JsonTree.write(reasons.stream().map(r -> Map.of("points", r.points(), "text", r.text())).toList());
    }

    private static List<ScoreReason> reasons(String json) {
        List<ScoreReason> out = new ArrayList<>();
        for (Object o : JsonTree.readList(json)) {
            Map<?, ?> m = (Map<?, ?>) o;
            out.add(new ScoreReason(((Number) m.get("points")).intValue(), String.valueOf(m.get("text"))));
        }
        return out;
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
