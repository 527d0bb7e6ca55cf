package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.ROUTING_MEMBER_STATE;
import static dev.leadline.db.jooq.Tables.ROUTING_QUEUE_STATE;
import static dev.leadline.db.jooq.Tables.ROUTING_TALLY;
import static dev.leadline.db.jooq.Tables.SALES_LEAD;

import dev.leadline.core.account.AccountMatching;
import dev.leadline.core.account.AccountTiebreaker;
import dev.leadline.core.account.LeadEvidence;
import dev.leadline.core.lead.LeadStatus;
import dev.leadline.core.routing.FairShare;
import dev.leadline.core.routing.RoutingFacts;
import dev.leadline.core.routing.RoutingState;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** What routing reads, from MariaDB; {@code fairShare} with a lock holds the queue's row until commit. */
public final class JooqRoutingState implements RoutingState {
    private static final List<String> OPEN = List.of(LeadStatus.NEW.name(), LeadStatus.ATTEMPTED.name(), LeadStatus.ENGAGED.name(),
            LeadStatus.QUALIFIED.name());
    private final DSLContext dsl;
    private final AccountMatching accounts;

    /** With lead-to-account matching by the default tiebreaker. */
    public JooqRoutingState(DSLContext dsl) {
        this(dsl, JooqAccountMatches.matching(dsl, AccountTiebreaker.DEFAULT, java.time.Clock.systemUTC()));
    }

    public JooqRoutingState(DSLContext dsl, AccountMatching accounts) {
        this.dsl = dsl;
        this.accounts = accounts;
    }

    @Override
    public FairShare.State fairShare(long queueId, boolean lock) {
        var select = dsl.select(ROUTING_QUEUE_STATE.CLOCK).from(ROUTING_QUEUE_STATE).where(ROUTING_QUEUE_STATE.QUEUE_ID.eq(queueId));
        Double clock = (lock ? select.forUpdate() : select).fetchOne(ROUTING_QUEUE_STATE.CLOCK);
        if (clock == null && lock) {
            // the queue's first decision: make its row, then hold it
            dsl.insertInto(ROUTING_QUEUE_STATE).set(ROUTING_QUEUE_STATE.QUEUE_ID, queueId).set(ROUTING_QUEUE_STATE.CLOCK, 0.0)
                    .onDuplicateKeyIgnore().execute();
            clock = select.forUpdate().fetchOne(ROUTING_QUEUE_STATE.CLOCK);
        }
        Map<Long, FairShare.Member> members = new HashMap<>();
        dsl.selectFrom(ROUTING_MEMBER_STATE).where(ROUTING_MEMBER_STATE.QUEUE_ID.eq(queueId)).forEach(r ->
                members.put(r.getRepId(), new FairShare.Member(r.getPass(), Times.fromDb(r.getLastAssignedAt()))));
        return new FairShare.State(clock == null ? 0 : clock, members);
    }

    @Override
    public Map<Long, Map<String, Integer>> tallies(long queueId, List<String> periods) {
        Map<Long, Map<String, Integer>> tallies = new HashMap<>();
        dsl.selectFrom(ROUTING_TALLY).where(ROUTING_TALLY.QUEUE_ID.eq(queueId)).and(ROUTING_TALLY.PERIOD.in(periods)).forEach(r ->
                tallies.computeIfAbsent(r.getRepId(), k -> new HashMap<>()).put(r.getPeriod(), r.getTaken()));
        return tallies;
    }

    @Override
    public Map<Long, Integer> openLeads(Collection<Long> repIds) {
        if (repIds.isEmpty()) {
            return Map.of();
        }
        return dsl.select(SALES_LEAD.OWNER_REP_ID, DSL.count()).from(SALES_LEAD)
                .where(SALES_LEAD.OWNER_REP_ID.in(repIds)).and(SALES_LEAD.STATUS.in(OPEN))
                .groupBy(SALES_LEAD.OWNER_REP_ID).fetchMap(SALES_LEAD.OWNER_REP_ID, DSL.count());
    }

    @Override
    public Optional<AccountMatch> account(RoutingFacts facts) {
        return Optional.ofNullable(facts.lead()).flatMap(accounts::stored).or(() -> accounts.match(LeadEvidence.of(facts::get)))
                .map(AccountMatch::of);
    }
}
