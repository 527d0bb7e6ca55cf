package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.CONVERSION;
import static dev.leadline.db.jooq.Tables.LEAD_EVENT;
import static dev.leadline.db.jooq.Tables.MEETING;
import static dev.leadline.db.jooq.Tables.OPPORTUNITY;
import static dev.leadline.db.jooq.Tables.SALES_LEAD;

import dev.leadline.core.report.EventKind;
import dev.leadline.core.report.LeadEvent;
import dev.leadline.core.report.LeadEvents;
import dev.leadline.core.report.LeadHistory;
import dev.leadline.core.report.MeetingFact;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** The facts of leads' histories in MariaDB, and what reports read of meetings and conversions. */
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
        JdbcBatch insert = JdbcBatch.into(dsl, LEAD_EVENT, LEAD_EVENT.LEAD_ID, LEAD_EVENT.KIND, LEAD_EVENT.OCCURRED_AT, LEAD_EVENT.REP_ID,
                LEAD_EVENT.QUEUE_ID, LEAD_EVENT.DETAIL);
        for (LeadEvent e : events) {
            insert.row(e.leadId(), e.kind().name(), Times.toDb(e.at()), e.repId(), e.queueId(), e.detail());
        }
        insert.execute();
    }

    @Override
    public List<LeadHistory> historiesBetween(Instant from, Instant to) {
        Condition leads = LEAD_EVENT.LEAD_ID.in(DSL.selectDistinct(DSL.field("p.lead_id", Long.class))
                .from(LEAD_EVENT.as("p"))
                .where(DSL.field("p.occurred_at").ge(Times.toDb(from)).and(DSL.field("p.occurred_at").lt(Times.toDb(to)))));
        Map<Long, List<LeadEvent>> events = new LinkedHashMap<>();
        Map<Long, String[]> fields = new HashMap<>();
        for (Record r : dsl.select(LEAD_EVENT.LEAD_ID, LEAD_EVENT.KIND, LEAD_EVENT.OCCURRED_AT, LEAD_EVENT.REP_ID, LEAD_EVENT.QUEUE_ID,
                        LEAD_EVENT.DETAIL, SALES_LEAD.SOURCE, SALES_LEAD.CAMPAIGN)
                .from(LEAD_EVENT).join(SALES_LEAD).on(SALES_LEAD.ID.eq(LEAD_EVENT.LEAD_ID))
                .where(leads).orderBy(LEAD_EVENT.LEAD_ID, LEAD_EVENT.OCCURRED_AT, LEAD_EVENT.ID).fetch()) {
            long lead = r.get(LEAD_EVENT.LEAD_ID);
            events.computeIfAbsent(lead, k -> new ArrayList<>()).add(new LeadEvent(lead, EventKind.valueOf(r.get(LEAD_EVENT.KIND)),
                    Times.fromDb(r.get(LEAD_EVENT.OCCURRED_AT)), r.get(LEAD_EVENT.REP_ID), r.get(LEAD_EVENT.QUEUE_ID), r.get(LEAD_EVENT.DETAIL)));
            fields.putIfAbsent(lead, new String[] {r.get(SALES_LEAD.SOURCE), r.get(SALES_LEAD.CAMPAIGN)});
        }
        Map<Long, BigDecimal> amounts = new HashMap<>();
        dsl.select(CONVERSION.LEAD_ID, OPPORTUNITY.AMOUNT).from(CONVERSION).join(OPPORTUNITY).on(OPPORTUNITY.ID.eq(CONVERSION.OPPORTUNITY_ID))
                .where(CONVERSION.UNDONE_AT.isNull()).and(CONVERSION.LEAD_ID.in(DSL.selectDistinct(DSL.field("p.lead_id", Long.class))
                        .from(LEAD_EVENT.as("p"))
                        .where(DSL.field("p.occurred_at").ge(Times.toDb(from)).and(DSL.field("p.occurred_at").lt(Times.toDb(to))))))
                .forEach(r -> {
                    if (r.value2() != null) {
                        amounts.merge(r.value1(), r.value2(), BigDecimal::add);
                    }
                });
        List<LeadHistory> out = new ArrayList<>(events.size());
        events.forEach((lead, list) -> out.add(new LeadHistory(lead, fields.get(lead)[0], fields.get(lead)[1], list, amounts.get(lead))));
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
