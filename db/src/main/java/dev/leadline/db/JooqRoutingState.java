package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.ROUTING_MEMBER_STATE;
import static dev.leadline.db.jooq.Tables.ROUTING_QUEUE_STATE;
import static dev.leadline.db.jooq.Tables.ROUTING_TALLY;
import static dev.leadline.db.jooq.Tables.SALES_LEAD;

import dev.leadline.core.account.Account;
import dev.leadline.core.lead.LeadStatus;
import dev.leadline.core.routing.FairShare;
import dev.leadline.core.routing.RoutingFacts;
import dev.leadline.core.routing.RoutingState;
import java.net.URI;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** What routing reads, from MariaDB; {@code fairShare} with a lock holds the queue's row until commit. */
public final class JooqRoutingState implements RoutingState {
    private static final List<String> OPEN = List.of(LeadStatus.NEW.name(), LeadStatus.ATTEMPTED.name(), LeadStatus.ENGAGED.name(),
            LeadStatus.QUALIFIED.name());
    private final DSLContext dsl;
    private final JooqAccountRepository accounts;

    public JooqRoutingState(DSLContext dsl) {
        this.dsl = dsl;
        this.accounts = new JooqAccountRepository(dsl);
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
        Optional<String> domain = facts.get("domain").or(() -> facts.get("enrichment.domain"))
                .or(() -> facts.get("website").flatMap(JooqRoutingState::host)).map(d -> d.toLowerCase(Locale.ROOT).replaceFirst("^www\\.", ""));
        Optional<Account> byDomain = domain.flatMap(accounts::accountByDomain);
        if (byDomain.isPresent()) {
            return byDomain.map(a -> new AccountMatch(a.id(), a.name(), "domain " + domain.get(), a.ownerRepId()));
        }
        Optional<String> company = facts.get("company").or(() -> facts.get("enrichment.company"));
        return company.flatMap(accounts::accountByName).map(a -> new AccountMatch(a.id(), a.name(), "company name", a.ownerRepId()));
    }

    private static Optional<String> host(String website) {
        try {
            return Optional.ofNullable(URI.create(website.contains("://") ? website : "https://" + website).getHost());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
