package dev.leadline.core.booking;

import dev.leadline.core.lead.LeadId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An offer to a visitor to book a meeting about their lead, reached through {@code token} (the secret in
 * the booking link). {@code candidates} are the reps whose calendars it offers, in the order a slot is given
 * to them; {@code meetingId} is set once booked, and {@code visitorZone} is the time zone the visitor booked in
 * (their emails show times in it). {@code alertAt} is when the owner is told that the visitor did not book.
 */
public record Booking(long id, String token, LeadId leadId, String formKey, Long queueId, List<Long> candidates, Duration duration,
                      int days, State state, Long meetingId, java.time.ZoneId visitorZone, Instant createdAt, Instant alertAt,
                      int version) {
    /** Where an offer stands. */
    public enum State {
        /** Waiting for the visitor to pick a slot. */
        OPEN,
        /** The visitor booked: {@code meetingId} is the meeting (rescheduling keeps it so). */
        BOOKED,
        /** The visitor cancelled the meeting; they may book again. */
        CANCELLED
    }

    public Booking {
        candidates = List.copyOf(candidates);
    }

    public Booking with(State newState, Long meeting, Instant alert) {
        return new Booking(id, token, leadId, formKey, queueId, candidates, duration, days, newState, meeting, visitorZone, createdAt, alert,
                version);
    }

    public Booking inZone(java.time.ZoneId zone) {
        return new Booking(id, token, leadId, formKey, queueId, candidates, duration, days, state, meetingId, zone, createdAt, alertAt, version);
    }

    public Booking offering(List<Long> reps) {
        return new Booking(id, token, leadId, formKey, queueId, reps, duration, days, state, meetingId, visitorZone, createdAt, alertAt, version);
    }
}
