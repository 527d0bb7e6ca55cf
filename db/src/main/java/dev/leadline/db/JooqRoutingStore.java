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
import org.jooq.impl.DSL;

/** Routing's waiting list, decisions and fair-share state in MariaDB. */
public final class JooqRoutingStore implements RoutingStore {
    private final DSLContext dsl;
    private volatile java.util.function.Consumer<List<Decision>> recorded = decisions -> { };

    public JooqRoutingStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Tells {@code listener} of the decisions stored, once their transaction has committed (the metrics count them). */
    public void whenRecorded(java.util.function.Consumer<List<Decision>> listener) {
        this.recorded = listener;
    }

    @Override
    public void enqueue(List<LeadId> leads, String purpose, Instant at) {
        JdbcBatch insert = JdbcBatch.ignoringDuplicates(dsl, ROUTING_PENDING, ROUTING_PENDING.LEAD_ID, ROUTING_PENDING.PURPOSE,
                ROUTING_PENDING.ENQUEUED_AT);
        for (LeadId lead : leads) {
            insert.row(lead.value(), purpose, Times.toDb(at));
        }
        insert.execute();
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
    public List<LeadId> leaseAll(List<LeadId> leads, Instant now, Instant until) {
        if (leads.isEmpty()) {
            return List.of();
        }
        // a lease time of our own (to the microsecond, with a random part) says afterwards which leads this call leased
        var mine = Times.toDb(until.plusNanos(java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 1_000_000) * 1000L));
        List<Long> ids = leads.stream().map(LeadId::value).toList();
        dsl.update(ROUTING_PENDING).set(ROUTING_PENDING.LEASED_UNTIL, mine).where(ROUTING_PENDING.LEAD_ID.in(ids))
                .and(ROUTING_PENDING.LEASED_UNTIL.isNull().or(ROUTING_PENDING.LEASED_UNTIL.lt(Times.toDb(now)))).execute();
        java.util.Set<Long> leased = new java.util.HashSet<>(dsl.select(ROUTING_PENDING.LEAD_ID).from(ROUTING_PENDING)
                .where(ROUTING_PENDING.LEAD_ID.in(ids)).and(ROUTING_PENDING.LEASED_UNTIL.eq(mine)).fetch(ROUTING_PENDING.LEAD_ID));
        return leads.stream().filter(l -> leased.contains(l.value())).toList();
    }

    @Override
    public void release(List<LeadId> leads, Instant until) {
        if (leads.isEmpty()) {
            return;
        }
        dsl.update(ROUTING_PENDING).set(ROUTING_PENDING.LEASED_UNTIL, DSL.least(ROUTING_PENDING.LEASED_UNTIL, DSL.val(Times.toDb(until))))
                .where(ROUTING_PENDING.LEAD_ID.in(leads.stream().map(LeadId::value).toList())).and(ROUTING_PENDING.LEASED_UNTIL.isNotNull())
                .execute();
    }

    @Override
    public List<LeadId> takeAll(List<LeadId> leads) {
        if (leads.isEmpty()) {
            return List.of();
        }
        List<Long> ids = leads.stream().map(LeadId::value).toList();
        java.util.Set<Long> waiting = new java.util.HashSet<>(dsl.select(ROUTING_PENDING.LEAD_ID).from(ROUTING_PENDING)
                .where(ROUTING_PENDING.LEAD_ID.in(ids)).forUpdate().fetch(ROUTING_PENDING.LEAD_ID));
        dsl.deleteFrom(ROUTING_PENDING).where(ROUTING_PENDING.LEAD_ID.in(waiting)).execute();
        return leads.stream().filter(l -> waiting.contains(l.value())).toList();
    }

    @Override
    public boolean take(LeadId lead) {
        return dsl.deleteFrom(ROUTING_PENDING).where(ROUTING_PENDING.LEAD_ID.eq(lead.value())).execute() == 1;
    }

    @Override
    public void record(Decision d) {
        recordAll(List.of(d));
    }

    @Override
    public void recordAll(List<Decision> decisions) {
        if (decisions.isEmpty()) {
            return;
        }
        java.util.function.Consumer<List<Decision>> listener = recorded;
        JooqTransactor.afterCommit(() -> listener.accept(decisions));
        JdbcBatch insert = JdbcBatch.into(dsl, ROUTING_DECISION, ROUTING_DECISION.LEAD_ID, ROUTING_DECISION.PURPOSE, ROUTING_DECISION.RULE_SET_VERSION,
                ROUTING_DECISION.ENTRY, ROUTING_DECISION.OUTCOME, ROUTING_DECISION.QUEUE_ID, ROUTING_DECISION.REP_ID,
                ROUTING_DECISION.DO_NOT_REASSIGN, ROUTING_DECISION.DECIDED_AT, ROUTING_DECISION.EXPLANATION);
        for (Decision d : decisions) {
            var e = d.explanation();
            insert.row(d.lead().value(), e.purpose(), e.ruleSetVersion(), e.entry(), d.outcome(), d.queueId(), d.repId(),
                    d.doNotReassign(), Times.toDb(e.decidedAt()), ExplanationJson.write(e));
        }
        insert.execute();
        JooqRollups.queue(dsl, decisions.stream().map(d -> java.util.Map.entry(d.lead().value(), d.explanation())).toList());
    }

    @Override
    public void count(List<RoutingDecision.Taken> taken) {
        if (taken.isEmpty()) {
            return;
        }
        // applied in order, the last state of each member and queue stands and the tallies add up: write just that
        java.util.Map<List<Long>, RoutingDecision.Taken> lastOfMember = new java.util.LinkedHashMap<>();
        java.util.Map<Long, Double> lastClock = new java.util.LinkedHashMap<>();
        java.util.Map<List<Object>, Integer> tallies = new java.util.LinkedHashMap<>();
        for (RoutingDecision.Taken t : taken) {
            if (t.repId() != 0) {
                lastOfMember.put(List.of(t.queueId(), t.repId()), t);
            }
            lastClock.put(t.queueId(), t.clock());
            for (String period : t.periods().all()) {
                tallies.merge(List.of(t.queueId(), 0L, period), 1, Integer::sum);
                if (t.repId() != 0) {
                    tallies.merge(List.of(t.queueId(), t.repId(), period), 1, Integer::sum);
                }
            }
        }
        if (!lastOfMember.isEmpty()) {
            var members = dsl.insertInto(ROUTING_MEMBER_STATE, ROUTING_MEMBER_STATE.QUEUE_ID, ROUTING_MEMBER_STATE.REP_ID,
                    ROUTING_MEMBER_STATE.PASS, ROUTING_MEMBER_STATE.LAST_ASSIGNED_AT);
            for (RoutingDecision.Taken t : lastOfMember.values()) {
                members = members.values(t.queueId(), t.repId(), t.member().pass(), Times.toDb(t.member().lastAssignedAt()));
            }
            members.onDuplicateKeyUpdate().set(ROUTING_MEMBER_STATE.PASS, DSL.field("VALUES({0})", Double.class, ROUTING_MEMBER_STATE.PASS))
                    .set(ROUTING_MEMBER_STATE.LAST_ASSIGNED_AT, DSL.field("VALUES({0})", ROUTING_MEMBER_STATE.LAST_ASSIGNED_AT.getDataType(),
                            ROUTING_MEMBER_STATE.LAST_ASSIGNED_AT)).execute();
        }
        lastClock.forEach((queue, clock) ->
                dsl.update(ROUTING_QUEUE_STATE).set(ROUTING_QUEUE_STATE.CLOCK, clock).where(ROUTING_QUEUE_STATE.QUEUE_ID.eq(queue)).execute());
        var tally = dsl.insertInto(ROUTING_TALLY, ROUTING_TALLY.QUEUE_ID, ROUTING_TALLY.REP_ID, ROUTING_TALLY.PERIOD, ROUTING_TALLY.TAKEN);
        for (var e : tallies.entrySet()) {
            tally = tally.values((Long) e.getKey().get(0), (Long) e.getKey().get(1), (String) e.getKey().get(2), e.getValue());
        }
        tally.onDuplicateKeyUpdate().set(ROUTING_TALLY.TAKEN, ROUTING_TALLY.TAKEN.plus(DSL.field("VALUES({0})", Integer.class, ROUTING_TALLY.TAKEN)))
                .execute();
    }

    @Override
    public void placeMembers(long queueId, java.util.Map<Long, dev.leadline.core.routing.FairShare.Member> members) {
        members.forEach((repId, member) -> dsl.insertInto(ROUTING_MEMBER_STATE, ROUTING_MEMBER_STATE.QUEUE_ID, ROUTING_MEMBER_STATE.REP_ID,
                        ROUTING_MEMBER_STATE.PASS, ROUTING_MEMBER_STATE.LAST_ASSIGNED_AT)
                .values(queueId, repId, member.pass(), Times.toDb(member.lastAssignedAt()))
                .onDuplicateKeyUpdate().set(ROUTING_MEMBER_STATE.PASS, member.pass())
                .set(ROUTING_MEMBER_STATE.LAST_ASSIGNED_AT, Times.toDb(member.lastAssignedAt())).execute());
    }

    @Override
    public Optional<Decision> latest(LeadId lead) {
        return dsl.selectFrom(ROUTING_DECISION).where(ROUTING_DECISION.LEAD_ID.eq(lead.value())).orderBy(ROUTING_DECISION.ID.desc()).limit(1)
                .fetchOptional(r -> new Decision(lead, r.getOutcome(), r.getQueueId(), r.getRepId(), r.getDoNotReassign(),
                        ExplanationJson.read(r.getExplanation())));
    }

    @Override
    public List<Decision> lastDecidedBy(String purpose, int limit) {
        // walks the purpose's decisions backwards by the index on (purpose, id), a page at a time, until it has enough leads
        java.util.Map<Long, Decision> newestByLead = new java.util.LinkedHashMap<>();
        long before = Long.MAX_VALUE;
        while (newestByLead.size() < limit) {
            var page = dsl.selectFrom(ROUTING_DECISION).where(ROUTING_DECISION.PURPOSE.eq(purpose)).and(ROUTING_DECISION.ID.lt(before))
                    .orderBy(ROUTING_DECISION.ID.desc()).limit(2 * limit).fetch();
            for (var r : page) {
                if (newestByLead.size() < limit && !newestByLead.containsKey(r.getLeadId())) {
                    newestByLead.put(r.getLeadId(), new Decision(new LeadId(r.getLeadId()), r.getOutcome(), r.getQueueId(), r.getRepId(),
                            r.getDoNotReassign(), ExplanationJson.read(r.getExplanation())));
                }
                before = r.getId();
            }
            if (page.size() < 2 * limit) {
                break;
            }
        }
        return List.copyOf(newestByLead.values());
    }
}
