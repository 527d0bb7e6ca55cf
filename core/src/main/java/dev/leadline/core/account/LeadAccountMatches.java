package dev.leadline.core.account;

import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadId;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** The account each lead matched, kept with the lead. Calls join the caller's transaction. */
public interface LeadAccountMatches {
    /** Stores (or replaces) these leads' matches. */
    void store(Map<LeadId, AccountMatch> matches, Instant at);

    /** The stored matches of these leads, with each account's current name and owner. */
    Map<LeadId, AccountMatch> of(Collection<LeadId> leads);

    /** Open leads with no stored match and an id above {@code afterId}, by id. */
    java.util.List<Lead> openUnmatched(long afterId, int limit);
}
