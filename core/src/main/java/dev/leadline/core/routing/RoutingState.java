package dev.leadline.core.routing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What routing reads about the team's recent work. Calls join the caller's transaction. */
public interface RoutingState {
    /**
     * The queue's fair-share state; with {@code lock}, held for this transaction so that decisions for
     * one queue (on any server) follow each other and caps hold exactly.
     */
    FairShare.State fairShare(long queueId, boolean lock);

    /** Leads the queue handed to each member (by rep id; 0 is the whole queue) in each of these periods. */
    Map<Long, Map<String, Integer>> tallies(long queueId, List<String> periods);

    /** Open leads each of these reps owns. */
    Map<Long, Integer> openLeads(Collection<Long> repIds);

    /** The owner of the account this lead matches (by domain, then company name), if it has one. */
    Optional<AccountMatch> account(RoutingFacts facts);

    /** An account a lead matched, how, and its owner (null when it has none). */
    record AccountMatch(long accountId, String name, String matchedBy, Long ownerRepId) {}
}
