package dev.leadline.core.notify;

import java.time.LocalDate;
import java.util.Optional;

/** When each rep last got the daily digest (a date in the rep's own time zone). */
public interface DigestLog {
    Optional<LocalDate> lastSent(long repId);

    void markSent(long repId, LocalDate day);
}
