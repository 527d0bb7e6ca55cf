package dev.leadline.core.dedupe;

import dev.leadline.core.lead.LeadId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where merges are kept, and the moves they make across a lead's belongings. Calls join the caller's transaction. */
public interface MergeStore {
    /**
     * Moves the timeline, meetings, tasks, files and chat cards of each lead to its survivor ({@code survivorOf}:
     * merged lead → survivor). A card stays where it is when the survivor already has a card at that
     * destination.
     */
    List<LeadMerge.Moved> moveBelongings(Map<LeadId, LeadId> survivorOf);

    /** As {@link #moveBelongings} for leads stored in the caller's transaction: only their timelines can hold anything yet. */
    List<LeadMerge.Moved> moveTimelines(Map<LeadId, LeadId> survivorOf);

    /** Puts back what {@link #moveBelongings} moved (what is still on the survivor). */
    void moveBack(List<LeadMerge.Moved> moved, LeadId survivor);

    void setCreatedAt(LeadId lead, Instant createdAt);

    /** Stores the merges and returns them with their ids, in order; settles the open duplicate flags between the leads each joins. */
    List<LeadMerge> saveAll(List<LeadMerge> merges);

    /** The newest merge into this survivor that is not undone. */
    Optional<LeadMerge> latestInto(LeadId survivor);

    /** Marks the merge undone and opens again the duplicate flags it settled. */
    void markUndone(long mergeId, Instant at);
}
