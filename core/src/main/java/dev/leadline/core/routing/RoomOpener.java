package dev.leadline.core.routing;

import dev.leadline.core.lead.Lead;
import java.time.Instant;
import java.util.List;

/** Opens a lead's room when the rule entry that placed it says so ({@code room: true}), in the routing transaction. */
@FunctionalInterface
public interface RoomOpener {
    RoomOpener NONE = (lead, invite, at) -> { };

    /** {@code invite}: the reps the entry names, besides the lead's owner and its account's owner. */
    void openForRule(Lead lead, List<Long> invite, Instant at);
}
