package dev.leadline.core.dedupe;

import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadStage;
import java.time.Instant;
import java.util.List;

/**
 * One merge, as kept for undoing it: the survivor's data and creation time before, its data after,
 * the leads merged in with where each stood, and what moved from them to the survivor.
 */
public record LeadMerge(long id, LeadId survivor, LeadData survivorBefore, LeadData survivorAfter, Instant survivorCreatedBefore,
                        List<Member> members, List<Moved> moved, String actor, Instant at, Instant undoneAt) {
    public LeadMerge {
        members = List.copyOf(members);
        moved = List.copyOf(moved);
    }

    /** A lead merged in, and its stage before the merge. */
    public record Member(LeadId lead, LeadStage stageBefore) {}

    /**
     * Something that moved from a merged lead to the survivor: a timeline entry, meeting or task by row
     * id, or a chat card by where it was posted ({@code platform}, destination type and id).
     */
    public record Moved(Kind kind, long rowId, LeadId from, String platform, String destinationType) {
        public static Moved row(Kind kind, long rowId, LeadId from) {
            return new Moved(kind, rowId, from, null, null);
        }
    }

    public enum Kind { ACTIVITY, MEETING, TASK, CARD, FILE }

    public List<LeadId> mergedIds() {
        return members.stream().map(Member::lead).toList();
    }
}
