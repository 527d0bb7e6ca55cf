package dev.leadline.core.dedupe;

import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Leads by their blocking keys, for candidate search. */
public interface MatchKeyIndex {
    /** (Re)writes the leads' keys; part of the transaction that stores them. */
    void index(Collection<Lead> leads);

    /**
     * Holds these keys until the caller's transaction ends, waiting while another transaction holds
     * one of them; must come before the transaction reads anything, so that what it then reads
     * includes what the other one stored.
     */
    void lock(Set<String> keys);

    /** Removes the leads' keys (merged leads are nobody's duplicates any more). */
    void forget(Collection<LeadId> leads);

    /**
     * For each key, the leads that carry it, at most {@code perKey} (a very common key says little),
     * in one lookup for all the keys.
     */
    Map<String, List<LeadId>> candidatesByKey(Set<String> keys, int perKey);
}
