package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.SALES_LEAD;

import dev.leadline.core.lead.LeadId;
import dev.leadline.core.sla.SlaClocks;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;

/** SLA clocks in three columns of the lead row, found by an index on the next step's time. */
public final class JooqSlaClocks implements SlaClocks {
    private final DSLContext dsl;

    public JooqSlaClocks(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void start(LeadId lead, Instant startedAt, Instant firstStepAt) {
        dsl.update(SALES_LEAD).set(SALES_LEAD.SLA_STARTED_AT, Times.toDb(startedAt)).set(SALES_LEAD.SLA_STEP, 0)
                .set(SALES_LEAD.SLA_NEXT_AT, Times.toDb(firstStepAt)).where(SALES_LEAD.ID.eq(lead.value())).execute();
    }

    @Override
    public void advance(LeadId lead, int nextStep, Instant nextAt) {
        dsl.update(SALES_LEAD).set(SALES_LEAD.SLA_STEP, nextStep).set(SALES_LEAD.SLA_NEXT_AT, Times.toDb(nextAt))
                .where(SALES_LEAD.ID.eq(lead.value())).execute();
    }

    @Override
    public void stop(LeadId lead) {
        dsl.update(SALES_LEAD).setNull(SALES_LEAD.SLA_STARTED_AT).setNull(SALES_LEAD.SLA_STEP).setNull(SALES_LEAD.SLA_NEXT_AT)
                .where(SALES_LEAD.ID.eq(lead.value()).and(SALES_LEAD.SLA_NEXT_AT.isNotNull())).execute();
    }

    @Override
    public void startAll(java.util.Collection<LeadId> leads, Instant startedAt, Instant firstStepAt) {
        if (!leads.isEmpty()) {
            dsl.update(SALES_LEAD).set(SALES_LEAD.SLA_STARTED_AT, Times.toDb(startedAt)).set(SALES_LEAD.SLA_STEP, 0)
                    .set(SALES_LEAD.SLA_NEXT_AT, Times.toDb(firstStepAt)).where(SALES_LEAD.ID.in(leads.stream().map(LeadId::value).toList()))
                    .execute();
        }
    }

    @Override
    public void stopAll(java.util.Collection<LeadId> leads) {
        if (!leads.isEmpty()) {
            dsl.update(SALES_LEAD).setNull(SALES_LEAD.SLA_STARTED_AT).setNull(SALES_LEAD.SLA_STEP).setNull(SALES_LEAD.SLA_NEXT_AT)
                    .where(SALES_LEAD.ID.in(leads.stream().map(LeadId::value).toList()).and(SALES_LEAD.SLA_NEXT_AT.isNotNull())).execute();
        }
    }

    @Override
    public List<Due> due(Instant now, int limit) {
        return dsl.select(SALES_LEAD.ID, SALES_LEAD.SLA_STARTED_AT, SALES_LEAD.SLA_STEP).from(SALES_LEAD)
                .where(SALES_LEAD.SLA_NEXT_AT.le(Times.toDb(now))).orderBy(SALES_LEAD.SLA_NEXT_AT).limit(limit)
                .fetch(r -> new Due(new LeadId(r.value1()), Times.fromDb(r.value2()), r.value3()));
    }
}
