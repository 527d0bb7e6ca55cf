package dev.leadline.core.rooms;

import dev.leadline.core.lead.LeadId;
import java.util.List;

/** The reps the rule entry that placed a lead names for its room ({@code room: {invite: [...]}}). */
@FunctionalInterface
public interface RuleMembers {
    RuleMembers NONE = lead -> List.of();

    List<Long> named(LeadId lead);
}
