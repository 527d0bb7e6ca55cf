package dev.leadline.core.booking;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reps' calendars: at most one per rep. */
public interface RepCalendars {
    Optional<RepCalendar> find(long repId);

    List<RepCalendar> all();

    /** Sets the rep's calendar (replacing any earlier one, whose read status is forgotten). */
    void set(long repId, CalendarSource source, Instant at);

    /** Removes the rep's calendar; false when they had none. */
    boolean remove(long repId);

    /** Records a good read of the calendar as it was changed at {@code changedAt} (a read of a replaced one is dropped). */
    void readWell(long repId, Instant changedAt, Instant at, int busyCount);

    /** Records a failed read, keeping the last good one's time and count. */
    void readFailed(long repId, Instant changedAt, Instant at, String error);
}
