package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.CONVERSION;
import static dev.leadline.db.jooq.Tables.LEAD_ENRICHMENT;
import static dev.leadline.db.jooq.Tables.LEAD_EVENT;
import static dev.leadline.db.jooq.Tables.LEAD_REPORT;
import static dev.leadline.db.jooq.Tables.MEETING;
import static dev.leadline.db.jooq.Tables.OPPORTUNITY;
import static dev.leadline.db.jooq.Tables.REPORT_DELTA;
import static dev.leadline.db.jooq.Tables.SALES_LEAD;

import dev.leadline.core.common.Transactor;
import dev.leadline.core.report.CohortLead;
import dev.leadline.core.report.EventKind;
import dev.leadline.core.report.FunnelStep;
import dev.leadline.core.report.LeadEvent;
import dev.leadline.core.report.LeadEvents;
import dev.leadline.core.report.LeadHistory;
import dev.leadline.core.report.LeadTally;
import dev.leadline.core.report.Tally;
import dev.leadline.core.report.MeetingFact;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The facts of leads' histories in MariaDB, and what reports read of meetings and conversions. Adding
 * facts also works out again, in the same transaction, the summary the funnel and conversion reports
 * read of each lead they are about ({@code lead_report}), from the lead's whole history read with a
 * locking read (so a fact another transaction just committed is not missed).
 */
public final class JooqLeadEvents implements LeadEvents {
    private final DSLContext dsl;

    public JooqLeadEvents(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void append(List<LeadEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        insert(events);
        summarize(events.stream().map(LeadEvent::leadId).collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
    }

    /** The new leads' facts, and their summaries from the histories in hand: no summary, fact, conversion or enrichment to read back. */
    @Override
    public void appendCreated(List<LeadHistory> histories) {
        if (histories.isEmpty()) {
            return;
        }
        insert(histories.stream().flatMap(h -> h.events().stream()).toList());
        store(histories, Map.of());
    }

    private void insert(List<LeadEvent> events) {
        JdbcBatch insert = JdbcBatch.into(dsl, LEAD_EVENT, LEAD_EVENT.LEAD_ID, LEAD_EVENT.KIND, LEAD_EVENT.OCCURRED_AT, LEAD_EVENT.REP_ID,
                LEAD_EVENT.QUEUE_ID, LEAD_EVENT.DETAIL);
        for (LeadEvent e : events) {
            insert.row(e.leadId(), e.kind().name(), Times.toDb(e.at()), e.repId(), e.queueId(), e.detail());
        }
        insert.execute();
    }

    @Override
    public void refresh(Collection<Long> leadIds) {
        summarize(new TreeSet<>(leadIds));
    }

    /**
     * Works out again the report summary and tally of each of these leads from all its facts (and its
     * source, campaign and converted amount now), stores them, and queues the change of each tally for
     * the sums ({@link JooqRollups}). The stored tallies are read with a locking read first, so that two
     * changes to one lead queue their changes one after the other.
     */
    void summarize(Collection<Long> leadIds) {
        if (leadIds.isEmpty()) {
            return;
        }
        Map<Long, byte[]> before = new HashMap<>();
        dsl.select(LEAD_REPORT.LEAD_ID, LEAD_REPORT.TALLY).from(LEAD_REPORT).where(LEAD_REPORT.LEAD_ID.in(leadIds)).forUpdate()
                .forEach(r -> before.put(r.value1(), r.value2()));
        List<LeadHistory> histories = histories(LEAD_EVENT.LEAD_ID.in(leadIds), amounts(CONVERSION.LEAD_ID.in(leadIds)), true);
        dsl.deleteFrom(LEAD_REPORT).where(LEAD_REPORT.LEAD_ID.in(leadIds)).execute();
        store(histories, before);
    }

    /** Stores the leads' summaries (none stored now) and queues the change of each tally from {@code before} (by lead) for the sums. */
    private void store(List<LeadHistory> histories, Map<Long, byte[]> before) {
        JdbcBatch insert = JdbcBatch.into(dsl, LEAD_REPORT, LEAD_REPORT.LEAD_ID, LEAD_REPORT.CREATED_AT, LEAD_REPORT.MERGED_AWAY,
                LEAD_REPORT.QUEUE_ID, LEAD_REPORT.REP_ID, LEAD_REPORT.CONTACTED_AT, LEAD_REPORT.ENGAGED_AT, LEAD_REPORT.QUALIFIED_AT,
                LEAD_REPORT.CONVERTED_AT, LEAD_REPORT.DISQUALIFIED_AT, LEAD_REPORT.DISQUALIFIED_REASON, LEAD_REPORT.DISQUALIFIED_STEP,
                LEAD_REPORT.TALLY);
        JdbcBatch changes = JdbcBatch.into(dsl, REPORT_DELTA, REPORT_DELTA.LEAD_ID, REPORT_DELTA.TALLY);
        for (LeadHistory h : histories) {
            CohortLead l = CohortLead.of(h);
            Tally tally = LeadTally.of(h);
            byte[] encoded = tally.encode();
            Tally change = Tally.change(Tally.decode(before.get(h.leadId())), tally);
            if (!change.isEmpty()) {
                changes.row(h.leadId(), change.encode());
            }
            insert.row(l.leadId(), Times.toDb(l.createdAt()), l.mergedAway(), l.queueId(), l.repId(), Times.toDb(l.contactedAt()),
                    Times.toDb(l.engagedAt()), Times.toDb(l.qualifiedAt()), Times.toDb(l.convertedAt()), Times.toDb(l.disqualifiedAt()),
                    l.disqualifiedReason(), l.disqualifiedStep() == null ? null : l.disqualifiedStep().name(), encoded);
        }
        insert.execute();
        changes.execute();
    }

    /** Whether facts are kept but no summary yet: a database upgraded to the summaries, before its first rebuild. */
    public boolean summariesMissing() {
        return dsl.fetchExists(LEAD_EVENT, LEAD_EVENT.LEAD_ID.gt(summarisedUpTo()));
    }

    /**
     * The highest lead id with a summary: a first summarising goes in id order and every later fact is
     * summarised in its own transaction, so leads with facts above it are those a stopped first run did
     * not reach yet (a start resumes after it).
     */
    public long summarisedUpTo() {
        Long max = dsl.select(DSL.max(LEAD_REPORT.LEAD_ID)).from(LEAD_REPORT).fetchOne(0, Long.class);
        return max == null ? 0 : max;
    }

    /**
     * Works out every lead's summary again from its facts, {@code batch} leads per transaction in the
     * order of their ids, and tells {@code progress} how many leads are done after each batch. Safe while
     * the server runs: a batch reads its leads' facts with a locking read, as adding facts does, so a
     * batch and a change to one of its leads wait for each other instead of losing either.
     *
     * @return how many leads were summarised
     */
    public long rebuildSummaries(Transactor transactor, int batch, LongConsumer progress) {
        return rebuildSummaries(transactor, batch, progress, 0);
    }

    /** As {@link #rebuildSummaries(Transactor, int, LongConsumer)}, for the leads after {@code after} only. */
    public long rebuildSummaries(Transactor transactor, int batch, LongConsumer progress, long after) {
        long done = 0;
        while (true) {
            List<Long> ids = dsl.selectDistinct(LEAD_EVENT.LEAD_ID).from(LEAD_EVENT).where(LEAD_EVENT.LEAD_ID.gt(after))
                    .orderBy(LEAD_EVENT.LEAD_ID).limit(batch).fetch(LEAD_EVENT.LEAD_ID);
            if (ids.isEmpty()) {
                return done;
            }
            transactor.inTransaction(() -> {
                summarize(ids);
                return null;
            });
            done += ids.size();
            after = ids.get(ids.size() - 1);
            progress.accept(done);
        }
    }

    @Override
    public List<CohortLead> createdBetween(Instant from, Instant to, Optional<Long> queueId, Optional<Long> repId) {
        if (summariesMissing()) {
            return LeadEvents.super.createdBetween(from, to, queueId, repId);
        }
        Condition cohort = LEAD_REPORT.CREATED_AT.ge(Times.toDb(from)).and(LEAD_REPORT.CREATED_AT.lt(Times.toDb(to)))
                .and(LEAD_REPORT.MERGED_AWAY.isFalse())
                .and(queueId.map(LEAD_REPORT.QUEUE_ID::eq).orElse(DSL.noCondition()))
                .and(repId.map(LEAD_REPORT.REP_ID::eq).orElse(DSL.noCondition()));
        Map<Long, BigDecimal> amounts = amounts(CONVERSION.LEAD_ID.in(DSL.select(LEAD_REPORT.LEAD_ID).from(LEAD_REPORT)
                .where(cohort).and(LEAD_REPORT.CONVERTED_AT.isNotNull())));
        return dsl.select(LEAD_REPORT.fields()).select(SALES_LEAD.SOURCE, SALES_LEAD.CAMPAIGN).from(LEAD_REPORT)
                .join(SALES_LEAD).on(SALES_LEAD.ID.eq(LEAD_REPORT.LEAD_ID)).where(cohort)
                .fetch(r -> new CohortLead(r.get(LEAD_REPORT.LEAD_ID), r.get(SALES_LEAD.SOURCE), r.get(SALES_LEAD.CAMPAIGN),
                        Times.fromDb(r.get(LEAD_REPORT.CREATED_AT)), r.get(LEAD_REPORT.MERGED_AWAY), r.get(LEAD_REPORT.QUEUE_ID),
                        r.get(LEAD_REPORT.REP_ID), Times.fromDb(r.get(LEAD_REPORT.CONTACTED_AT)), Times.fromDb(r.get(LEAD_REPORT.ENGAGED_AT)),
                        Times.fromDb(r.get(LEAD_REPORT.QUALIFIED_AT)), Times.fromDb(r.get(LEAD_REPORT.CONVERTED_AT)),
                        Times.fromDb(r.get(LEAD_REPORT.DISQUALIFIED_AT)), r.get(LEAD_REPORT.DISQUALIFIED_REASON),
                        r.get(LEAD_REPORT.DISQUALIFIED_STEP) == null ? null : FunnelStep.valueOf(r.get(LEAD_REPORT.DISQUALIFIED_STEP)),
                        amounts.get(r.get(LEAD_REPORT.LEAD_ID))));
    }

    @Override
    public List<LeadHistory> historiesBetween(Instant from, Instant to) {
        var active = DSL.selectDistinct(DSL.field("p.lead_id", Long.class)).from(LEAD_EVENT.as("p"))
                .where(DSL.field("p.occurred_at").ge(Times.toDb(from)).and(DSL.field("p.occurred_at").lt(Times.toDb(to))));
        return histories(LEAD_EVENT.LEAD_ID.in(active), amounts(CONVERSION.LEAD_ID.in(active)), false);
    }

    /** The histories of the leads with facts that meet {@code leads}, with these converted amounts. */
    private List<LeadHistory> histories(Condition leads, Map<Long, BigDecimal> amounts, boolean locking) {
        Map<Long, List<LeadEvent>> events = new LinkedHashMap<>();
        Map<Long, String[]> fields = new HashMap<>();
        var query = dsl.select(LEAD_EVENT.LEAD_ID, LEAD_EVENT.KIND, LEAD_EVENT.OCCURRED_AT, LEAD_EVENT.REP_ID, LEAD_EVENT.QUEUE_ID,
                        LEAD_EVENT.DETAIL, SALES_LEAD.SOURCE, SALES_LEAD.CAMPAIGN)
                .from(LEAD_EVENT).join(SALES_LEAD).on(SALES_LEAD.ID.eq(LEAD_EVENT.LEAD_ID))
                .where(leads).orderBy(LEAD_EVENT.LEAD_ID, LEAD_EVENT.OCCURRED_AT, LEAD_EVENT.ID);
        for (Record r : locking ? query.forShare().fetch() : query.fetch()) {
            long lead = r.get(LEAD_EVENT.LEAD_ID);
            events.computeIfAbsent(lead, k -> new ArrayList<>()).add(new LeadEvent(lead, EventKind.valueOf(r.get(LEAD_EVENT.KIND)),
                    Times.fromDb(r.get(LEAD_EVENT.OCCURRED_AT)), r.get(LEAD_EVENT.REP_ID), r.get(LEAD_EVENT.QUEUE_ID), r.get(LEAD_EVENT.DETAIL)));
            fields.putIfAbsent(lead, new String[] {r.get(SALES_LEAD.SOURCE), r.get(SALES_LEAD.CAMPAIGN)});
        }
        Map<Long, Map<String, String>> enriched = new HashMap<>();
        if (!events.isEmpty()) {
            dsl.select(LEAD_ENRICHMENT.LEAD_ID, LEAD_ENRICHMENT.FIELD, LEAD_ENRICHMENT.PROVIDER).from(LEAD_ENRICHMENT)
                    .where(LEAD_ENRICHMENT.LEAD_ID.in(events.keySet()))
                    .forEach(r -> enriched.computeIfAbsent(r.value1(), k -> new HashMap<>()).put(r.value2(), r.value3()));
        }
        List<LeadHistory> out = new ArrayList<>(events.size());
        events.forEach((lead, list) -> out.add(new LeadHistory(lead, fields.get(lead)[0], fields.get(lead)[1], list, amounts.get(lead),
                enriched.getOrDefault(lead, Map.of()))));
        return out;
    }

    /** The amounts of the standing conversions' opportunities, by lead. */
    private Map<Long, BigDecimal> amounts(Condition leads) {
        Map<Long, BigDecimal> amounts = new HashMap<>();
        dsl.select(CONVERSION.LEAD_ID, OPPORTUNITY.AMOUNT).from(CONVERSION).join(OPPORTUNITY).on(OPPORTUNITY.ID.eq(CONVERSION.OPPORTUNITY_ID))
                .where(CONVERSION.UNDONE_AT.isNull()).and(leads)
                .forEach(r -> {
                    if (r.value2() != null) {
                        amounts.merge(r.value1(), r.value2(), BigDecimal::add);
                    }
                });
        return amounts;
    }

    @Override
    public Map<Long, MeetingFact.Counts> meetingCounts(Instant from, Instant to) {
        var start = Times.toDb(from);
        var end = Times.toDb(to);
        Map<Long, long[]> counts = new HashMap<>();
        // two index ranges, each counted from its index alone: booked in the period; held or not attended among those due in it
        dsl.select(MEETING.REP_ID, DSL.count()).from(MEETING).where(MEETING.CREATED_AT.ge(start)).and(MEETING.CREATED_AT.lt(end))
                .groupBy(MEETING.REP_ID).forEach(r -> counts.computeIfAbsent(r.value1(), k -> new long[3])[0] = r.value2());
        dsl.select(MEETING.REP_ID, MEETING.OUTCOME, DSL.count()).from(MEETING).where(MEETING.STARTS_AT.ge(start)).and(MEETING.STARTS_AT.lt(end))
                .and(MEETING.OUTCOME.in("HELD", "NO_SHOW")).groupBy(MEETING.REP_ID, MEETING.OUTCOME)
                .forEach(r -> counts.computeIfAbsent(r.value1(), k -> new long[3])[r.value2().equals("HELD") ? 1 : 2] = r.value3());
        Map<Long, MeetingFact.Counts> out = new HashMap<>();
        counts.forEach((rep, c) -> out.put(rep, new MeetingFact.Counts(c[0], c[1], c[2])));
        return out;
    }

    @Override
    public List<MeetingFact> meetingsBetween(Instant from, Instant to) {
        var start = Times.toDb(from);
        var end = Times.toDb(to);
        return dsl.select(MEETING.LEAD_ID, MEETING.REP_ID, MEETING.CREATED_AT, MEETING.STARTS_AT, MEETING.OUTCOME).from(MEETING)
                .where(MEETING.CREATED_AT.ge(start).and(MEETING.CREATED_AT.lt(end)).or(MEETING.STARTS_AT.ge(start).and(MEETING.STARTS_AT.lt(end))))
                .fetch(r -> new MeetingFact(r.value1(), r.value2(), Times.fromDb(r.value3()), Times.fromDb(r.value4()), r.value5()));
    }
}
