package dev.leadline.core.booking;

import java.time.Instant;

/** An email about a booked meeting: to the visitor or the rep, describing the meeting at {@code sequence}. */
public record BookingEmail(long id, long bookingId, long meetingId, String recipient, Role role, Kind kind, int sequence, State state,
                           int attempts, Instant dueAt, String lastError) {
    /** Who it goes to. */
    public enum Role { VISITOR, REP }

    /** What it says. */
    public enum Kind { INVITE, UPDATE, CANCEL }

    /** Where its sending stands: SKIPPED when the meeting changed again before it went (a later email says so). */
    public enum State { QUEUED, SENDING, SENT, FAILED, UNKNOWN, SKIPPED }
}
