package dev.leadline.core.dedupe;

import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadId;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Leads by their blocking keys, for candidate search. */
public interface MatchKeyIndex {
    /** (Re)writes the leads' keys; part of the transaction that stores them. */
    void index(Collection<Lead> leads);

    /** Removes the leads' keys (merged leads are nobody's duplicates any more). */
    void forget(Collection<LeadId> leads);

    /** Leads that share a key, at most {@code perKey} per key (a very common key says little). */
    List<LeadId> candidates(Set<String> keys, int perKey);
}
