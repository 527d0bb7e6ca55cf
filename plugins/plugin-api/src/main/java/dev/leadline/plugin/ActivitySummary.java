package dev.leadline.plugin;

import java.time.Instant;

/**
 * What has happened with a lead so far, for engagement scoring.
 *
 * @param contactAttempts calls, emails and messages logged
 * @param meetings        meetings booked
 * @param lastActivityAt  the newest timeline entry, or {@code null}
 */
public record ActivitySummary(int contactAttempts, int meetings, Instant lastActivityAt) {
    /** A lead nothing has happened to yet. */
    public static ActivitySummary none() {
        return new ActivitySummary(0, 0, null);
    }
}
