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
            Integer failedRuns = dsl.select(SALES_LEAD.ENRICH_ATTEMPTS).from(SALES_LEAD).where(SALES_LEAD.ID.eq(lead.value())).forUpdate()
                    .fetchOne(SALES_LEAD.ENRICH_ATTEMPTS);
            if (!changed.isEmpty()) {
                var fields = dsl.insertInto(LEAD_ENRICHMENT, LEAD_ENRICHMENT.LEAD_ID, LEAD_ENRICHMENT.FIELD, LEAD_ENRICHMENT.VALUE,
                        LEAD_ENRICHMENT.PROVIDER, LEAD_ENRICHMENT.CONFIDENCE, LEAD_ENRICHMENT.ENRICHED_AT);
                for (Provenance p : changed) {
                    fields = fields.values(lead.value(), p.field(), clip(p.value(), 1000), p.provider(), BigDecimal.valueOf(p.confidence()),
                            Times.toDb(p.at()));
                }
                fields.onDuplicateKeyUpdate().set(LEAD_ENRICHMENT.VALUE, newValue(LEAD_ENRICHMENT.VALUE))
                        .set(LEAD_ENRICHMENT.PROVIDER, newValue(LEAD_ENRICHMENT.PROVIDER))
                        .set(LEAD_ENRICHMENT.CONFIDENCE, newValue(LEAD_ENRICHMENT.CONFIDENCE))
                        .set(LEAD_ENRICHMENT.ENRICHED_AT, newValue(LEAD_ENRICHMENT.ENRICHED_AT)).execute();
                // the fields a lead has are counted by the data-quality report from its tally
                new JooqLeadEvents(dsl).refresh(List.of(lead.value()));
            }
            if (!scores.isEmpty()) {
                var rows = dsl.insertInto(LEAD_SCORE, LEAD_SCORE.LEAD_ID, LEAD_SCORE.PROVIDER, LEAD_SCORE.SCORE, LEAD_SCORE.WEIGHT,
                        LEAD_SCORE.REASONS, LEAD_SCORE.SCORED_AT);
                for (ProviderScore s : scores) {
                    rows = rows.values(lead.value(), s.provider(), s.score(), BigDecimal.valueOf(s.weight()), reasons(s.reasons()),
                            Times.toDb(s.at()));
                }
                rows.onDuplicateKeyUpdate().set(LEAD_SCORE.SCORE, newValue(LEAD_SCORE.SCORE)).set(LEAD_SCORE.WEIGHT, newValue(LEAD_SCORE.WEIGHT))
                        .set(LEAD_SCORE.REASONS, newValue(LEAD_SCORE.REASONS)).set(LEAD_SCORE.SCORED_AT, newValue(LEAD_SCORE.SCORED_AT)).execute();
            }
            for (ProviderFailure f : failures) {
                dsl.insertInto(PROVIDER_FAILURE).set(PROVIDER_FAILURE.LEAD_ID, lead.value()).set(PROVIDER_FAILURE.PROVIDER, f.provider())
                        .set(PROVIDER_FAILURE.MESSAGE, clip(f.message(), 1000)).set(PROVIDER_FAILURE.FAILED_AT, Times.toDb(f.at())).execute();
            }
            // a failed provider brings the lead back after a backoff that doubles with each failed run in a row
            int runs = failedRuns == null ? 0 : failedRuns;
            dsl.update(SALES_LEAD).set(SALES_LEAD.ENRICHMENT, Json.write(values)).set(SALES_LEAD.SCORE, score)
                    .set(SALES_LEAD.ENRICHED_AT, Times.toDb(at))
                    .set(SALES_LEAD.ENRICH_ATTEMPTS, failures.isEmpty() ? 0 : runs + 1)
                    .set(SALES_LEAD.ENRICH_DUE_AT, failures.isEmpty() ? null : Times.toDb(at.plus(EnrichmentSettings.retryAfter(runs))))
                    .where(SALES_LEAD.ID.eq(lead.value())).execute();
        });
    }

    /** In an upsert of several rows: the value the row would have inserted. */
    private static <T> org.jooq.Field<T> newValue(org.jooq.Field<T> field) {
        return DSL.field("VALUES({0})", field.getDataType(), field);
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
