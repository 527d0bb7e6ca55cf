package dev.leadline.core.scheduling;

import dev.leadline.core.lead.LeadId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A meeting with a lead, owned by a rep. {@code outcome} is empty until it is known;
 * {@code sequence} counts reschedules so calendar clients replace the old invite.
 */
public record Meeting(long id, LeadId leadId, long repId, Instant startsAt, Duration duration, String title,
                      List<String> attendees, MeetingOutcome outcome, int sequence, Instant createdAt, Instant updatedAt,
                      int version) {
    public Meeting {
        attendees = List.copyOf(attendees);
    }

    public Instant endsAt() {
        return startsAt.plus(duration);
    }
}
