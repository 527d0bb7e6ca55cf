package dev.leadline.core.notify;

import java.time.LocalDate;
import java.util.Optional;

/** When each rep last got the daily digest, and the weekly summary (dates in the rep's own time zone). */
public interface DigestLog {
    Optional<LocalDate> lastSent(long repId);

    void markSent(long repId, LocalDate day);

    /** The Monday of the week whose summary the rep last got. */
    Optional<LocalDate> lastWeekly(long repId);

    void markWeekly(long repId, LocalDate monday);
}
