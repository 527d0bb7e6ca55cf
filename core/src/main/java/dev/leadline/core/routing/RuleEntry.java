package dev.leadline.core.routing;

import java.util.List;

/**
 * One line of a rule set: when the criteria match, the lead goes to the target. Options: also post
 * the card to another queue's channels ({@code notifyQueueId}), keep the lead from automatic
 * reassignment ({@code doNotReassign}), run another queue's SLA policy ({@code slaQueueId}), and open
 * a room for the lead ({@code room}, null for none).
 */
public record RuleEntry(String name, Criterion when, Target target, Long notifyQueueId, boolean doNotReassign, Long slaQueueId, Room room) {
    public RuleEntry(String name, Criterion when, Target target, Long notifyQueueId, boolean doNotReassign, Long slaQueueId) {
        this(name, when, target, notifyQueueId, doNotReassign, slaQueueId, null);
    }

    /** {@code room: true}, or {@code room: {invite: [emails]}}: a room for the lead, with these reps asked in (ids). */
    public record Room(List<Long> invite) {
        public Room {
            invite = List.copyOf(invite);
        }
    }
}
