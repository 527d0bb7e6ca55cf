package dev.leadline.core.booking;

import dev.leadline.core.lead.LeadId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Booking offers, the per-rep booking lock, and the invitations to send. Calls join the caller's transaction. */
public interface BookingRepository {
    Booking insert(String token, LeadId lead, String formKey, Long queueId, List<Long> candidates, Duration duration, int days,
                   Instant alertAt, Instant at);

    Optional<Booking> byId(long id);

    /** The offer; with {@code lock}, held for this transaction. */
    Optional<Booking> byToken(String token, boolean lock);

    /**
     * Stores the offer's state, meeting and alert time if it is still at {@code booking.version()}.
     *
     * @throws dev.leadline.core.common.ConcurrentUpdateException if someone changed it meanwhile
     */
    Booking update(Booking booking, Instant at);

    /** Open offers whose alert time has come, oldest first. */
    List<Booking> dueForAlert(Instant now, int limit);

    /**
     * Holds the rep's booking row for this transaction (writing it, so that on a cluster too): bookings of one
     * rep follow each other, so a slot checked free after this stays free until the transaction ends.
     */
    void lockRep(long repId, Instant at);

    /** Times the reps are in Leadline meetings (not cancelled or declined) overlapping {@code [from, to)}, by rep id. */
    Map<Long, List<Interval>> meetings(Collection<Long> repIds, Instant from, Instant to);

    /** Queues an email about the meeting for {@code recipient}, describing the meeting at {@code sequence}. */
    void queueEmail(long bookingId, long meetingId, String recipient, BookingEmail.Role role, BookingEmail.Kind kind, int sequence, Instant at);

    /** Up to {@code limit} queued emails due at {@code now}, each marked sending (so no other node takes it). */
    List<BookingEmail> takeDueEmails(Instant now, int limit);

    void emailSent(long id, Instant at);

    /** Not sent, try again at {@code next}. */
    void emailDeferred(long id, Instant next, String reason);

    /** Not sent and never will be ({@code FAILED}, {@code SKIPPED}), or may have gone ({@code UNKNOWN}): never sent again. */
    void emailEnded(long id, BookingEmail.State state, String reason);

}
