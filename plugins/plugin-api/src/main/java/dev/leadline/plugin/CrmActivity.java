package dev.leadline.plugin;

import java.time.Instant;

/**
 * Something a rep did about a lead, for the CRM's activity history.
 *
 * @param id          Leadline's id for it (stable across retries: use it to deduplicate), e.g. {@code activity:812}
 * @param kind        what it was
 * @param leadCrmId   the CRM's id of the lead it is about (the host pushes the lead first)
 * @param subject     a one-line subject, e.g. {@code Call} or the meeting's title
 * @param body        the note or the attempt's note, or {@code null}
 * @param channel     for contact attempts: {@code call}, {@code email}, {@code linkedin}, ...; else {@code null}
 * @param at          when it happened (a meeting: when it starts)
 * @param endsAt      a meeting's end, else {@code null}
 * @param ownerEmail  the rep who did it, or {@code null}
 * @param ownerCrmId  the CRM's id for that rep when known, else {@code null}
 */
public record CrmActivity(String id, Kind kind, String leadCrmId, String subject, String body, String channel, Instant at, Instant endsAt,
                          String ownerEmail, String ownerCrmId) {
    /** The kinds of activity pushed. */
    public enum Kind { CONTACT_ATTEMPT, MEETING, NOTE }
}
