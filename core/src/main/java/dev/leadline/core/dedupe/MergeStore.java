package dev.leadline.core.dedupe;

import dev.leadline.core.lead.LeadId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where merges are kept, and the moves they make across a lead's belongings. Calls join the caller's transaction. */
public interface MergeStore {
    /**
     * Moves the timeline, meetings, tasks and chat cards of {@code from} to {@code to}. A card stays
     * where it is when the survivor already has a card at that destination.
     */
    List<LeadMerge.Moved> moveBelongings(List<LeadId> from, LeadId to);

    /** Puts back what {@link #moveBelongings} moved (what is still on the survivor). */
    void moveBack(List<LeadMerge.Moved> moved, LeadId survivor);

    void setCreatedAt(LeadId lead, Instant createdAt);

    /** Stores the merge and returns it with its id; settles the open duplicate flags between the leads it joins. */
    LeadMerge save(LeadMerge merge);

    /** The newest merge into this survivor that is not undone. */
    Optional<LeadMerge> latestInto(LeadId survivor);

    /** Marks the merge undone and opens again the duplicate flags it settled. */
    void markUndone(long mergeId, Instant at);
}
