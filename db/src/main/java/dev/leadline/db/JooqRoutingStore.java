package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.ROUTING_DECISION;
import static dev.leadline.db.jooq.Tables.ROUTING_MEMBER_STATE;
import static dev.leadline.db.jooq.Tables.ROUTING_PENDING;
import static dev.leadline.db.jooq.Tables.ROUTING_QUEUE_STATE;
import static dev.leadline.db.jooq.Tables.ROUTING_TALLY;
import static dev.leadline.db.jooq.Tables.SALES_LEAD;

import dev.leadline.core.lead.LeadId;
import dev.leadline.core.routing.RoutingDecision;
import dev.leadline.core.routing.RoutingStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** Routing's waiting list, decisions and fair-share state in MariaDB. */
public final class JooqRoutingStore implements RoutingStore {
    private final DSLContext dsl;

    public JooqRoutingStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void enqueue(List<LeadId> leads, String purpose, Instant at) {
        var insert = dsl.insertInto(ROUTING_PENDING, ROUTING_PENDING.LEAD_ID, ROUTING_PENDING.PURPOSE, ROUTING_PENDING.ENQUEUED_AT);
        for (LeadId lead : leads) {
            insert = insert.values(lead.value(), purpose, Times.toDb(at));
        }
        insert.onDuplicateKeyIgnore().execute();
    }

    @Override
    public List<Pending> due(int limit, Instant now, Instant enrichedOrBefore) {
        var query = dsl.select(ROUTING_PENDING.LEAD_ID, ROUTING_PENDING.PURPOSE, ROUTING_PENDING.ENQUEUED_AT).from(ROUTING_PENDING);
        var free = ROUTING_PENDING.LEASED_UNTIL.isNull().or(ROUTING_PENDING.LEASED_UNTIL.lt(Times.toDb(now)));
        var filtered = enrichedOrBefore == null ? query.where(free)
                : query.join(SALES_LEAD).on(SALES_LEAD.ID.eq(ROUTING_PENDING.LEAD_ID))
                        .where(free).and(SALES_LEAD.ENRICHED_AT.isNotNull().or(ROUTING_PENDING.ENQUEUED_AT.lt(Times.toDb(enrichedOrBefore))));
        return filtered.orderBy(ROUTING_PENDING.ENQUEUED_AT, ROUTING_PENDING.LEAD_ID).limit(limit)
                .fetch(r -> new Pending(new LeadId(r.value1()), r.value2(), Times.fromDb(r.value3())));
    }

    @Override
    public boolean lease(LeadId lead, Instant now, Instant until) {
        return dsl.update(ROUTING_PENDING).set(ROUTING_PENDING.LEASED_UNTIL, Times.toDb(until))
                .where(ROUTING_PENDING.LEAD_ID.eq(lead.value()))
                .and(ROUTING_PENDING.LEASED_UNTIL.isNull().or(ROUTING_PENDING.LEASED_UNTIL.lt(Times.toDb(now)))).execute() == 1;
    }

    @Override
    public boolean take(LeadId lead) {
        return dsl.deleteFrom(ROUTING_PENDING).where(ROUTING_PENDING.LEAD_ID.eq(lead.value())).execute() == 1;
    }

    @Override
    public void record(Decision d) {
        var e = d.explanation();
        dsl.insertInto(ROUTING_DECISION)
                .set(ROUTING_DECISION.LEAD_ID, d.lead().value())
                .set(ROUTING_DECISION.PURPOSE, e.purpose())
                .set(ROUTING_DECISION.RULE_SET_VERSION, e.ruleSetVersion())
                .set(ROUTING_DECISION.ENTRY, e.entry())
                .set(ROUTING_DECISION.OUTCOME, d.outcome())
                .set(ROUTING_DECISION.QUEUE_ID, d.queueId())
                .set(ROUTING_DECISION.REP_ID, d.repId())
                .set(ROUTING_DECISION.DO_NOT_REASSIGN, d.doNotReassign())
                .set(ROUTING_DECISION.DECIDED_AT, Times.toDb(e.decidedAt()))
                .set(ROUTING_DECISION.EXPLANATION, ExplanationJson.write(e))
                .execute();
    }

    @Override
    public void count(List<RoutingDecision.Taken> taken) {
        for (RoutingDecision.Taken t : taken) {
            if (t.repId() != 0) {
                dsl.insertInto(ROUTING_MEMBER_STATE).set(ROUTING_MEMBER_STATE.QUEUE_ID, t.queueId()).set(ROUTING_MEMBER_STATE.REP_ID, t.repId())
                        .set(ROUTING_MEMBER_STATE.PASS, t.member().pass())
                        .set(ROUTING_MEMBER_STATE.LAST_ASSIGNED_AT, Times.toDb(t.member().lastAssignedAt()))
                        .onDuplicateKeyUpdate().set(ROUTING_MEMBER_STATE.PASS, t.member().pass())
                        .set(ROUTING_MEMBER_STATE.LAST_ASSIGNED_AT, Times.toDb(t.member().lastAssignedAt())).execute();
            }
            dsl.update(ROUTING_QUEUE_STATE).set(ROUTING_QUEUE_STATE.CLOCK, t.clock()).where(ROUTING_QUEUE_STATE.QUEUE_ID.eq(t.queueId())).execute();
            var tally = dsl.insertInto(ROUTING_TALLY, ROUTING_TALLY.QUEUE_ID, ROUTING_TALLY.REP_ID, ROUTING_TALLY.PERIOD, ROUTING_TALLY.TAKEN);
            for (String period : t.periods().all()) {
                tally = tally.values(t.queueId(), 0L, period, 1);
                if (t.repId() != 0) {
                    tally = tally.values(t.queueId(), t.repId(), period, 1);
                }
            }
            tally.onDuplicateKeyUpdate().set(ROUTING_TALLY.TAKEN, ROUTING_TALLY.TAKEN.plus(1)).execute();
        }
    }

    @Override
    public Optional<Decision> latest(LeadId lead) {
        return dsl.selectFrom(ROUTING_DECISION).where(ROUTING_DECISION.LEAD_ID.eq(lead.value())).orderBy(ROUTING_DECISION.ID.desc()).limit(1)
                .fetchOptional(r -> new Decision(lead, r.getOutcome(), r.getQueueId(), r.getRepId(), r.getDoNotReassign(),
                        ExplanationJson.read(r.getExplanation())));
    }
}
