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

    /**
     * The account this lead matches, with its owner: the match stored with the lead when it arrived,
     * else what lead-to-account matching finds for the facts now.
     */
    Optional<AccountMatch> account(RoutingFacts facts);

    /** An account a lead matched, how and how surely (0 to 1), and its owner (null when it has none). */
    record AccountMatch(long accountId, String name, String matchedBy, Long ownerRepId, double confidence) {
        public AccountMatch(long accountId, String name, String matchedBy, Long ownerRepId) {
            this(accountId, name, matchedBy, ownerRepId, 1.0);
        }

        public static AccountMatch of(dev.leadline.core.account.AccountMatch match) {
            return new AccountMatch(match.accountId(), match.name(), match.matchedBy(), match.ownerRepId(), match.confidence());
        }
    }
}
