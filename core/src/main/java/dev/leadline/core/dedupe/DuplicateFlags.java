package dev.leadline.core.dedupe;

import dev.leadline.core.lead.LeadId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Leads stored although a duplicate rule found them alike (flag or alert), with what each looks like.
 * A flag stays open until a merge joins the two (see {@link MergeStore#saveAll}) or someone dismisses the
 * pair (see {@link DuplicateReviews#dismiss}); a dismissed pair is never flagged again.
 */
public interface DuplicateFlags {
    /** Writes nothing: for installations and tests without a store. */
    DuplicateFlags NONE = flags -> { };

    /** Records the flags of leads just stored, in their transaction. */
    void flag(List<Flag> flags);

    /** The dismissed pairs that have a lead among these (one read): no checkpoint flags them again. */
    default Set<LeadPair> dismissedAmong(Collection<LeadId> leads) {
        return Set.of();
    }

    /** A lead just stored and the lead or contact it looks like. */
    record Flag(LeadId lead, Lookalike lookalike, Instant at) {}
}
