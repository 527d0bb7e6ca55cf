package dev.leadline.core.rooms;

import dev.leadline.core.lead.LeadId;
import dev.leadline.core.notify.Destination;
import java.time.Instant;
import java.util.List;

/**
 * A lead's room on one platform. {@code address} is where the platform made it (a channel, or a
 * thread under the lead's card), null until it has; {@code invitees} are reps' ids.
 */
public record Room(long id, LeadId lead, String platform, String name, String address, boolean archived, boolean logging,
                   List<Long> invitees, Instant openedAt) {
    public Room {
        invitees = List.copyOf(invitees);
    }

    /** Where the room's deliveries go in the outbox. */
    public Destination destination() {
        return Destination.room(id);
    }
}
