package dev.leadline.core.report;

import java.time.Instant;

/** A meeting as reports count it: who booked it and when, when it was to start, and its outcome (null until one is set). */
public record MeetingFact(long leadId, long repId, Instant bookedAt, Instant startsAt, String outcome) {}
