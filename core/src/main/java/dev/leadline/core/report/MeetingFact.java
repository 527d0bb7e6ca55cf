package dev.leadline.core.report;

import java.time.Instant;

/** A meeting as reports count it: who booked it and when, when it was to start, and its outcome (null until one is set). */
public record MeetingFact(long leadId, long repId, Instant bookedAt, Instant startsAt, String outcome) {
    /** A rep's meetings in a period: booked in it, and held or not attended among those due to start in it. */
    public record Counts(long booked, long held, long noShow) {
        public static final Counts NONE = new Counts(0, 0, 0);
    }
}
