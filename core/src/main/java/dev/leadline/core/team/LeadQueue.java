package dev.leadline.core.team;

import java.util.Set;

/** A named pool of reps that leads can be offered to. */
public record LeadQueue(long id, String name, String description, Set<Long> memberRepIds, int version) {
    public LeadQueue {
        memberRepIds = Set.copyOf(memberRepIds);
    }
}
