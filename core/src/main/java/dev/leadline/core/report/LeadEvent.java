package dev.leadline.core.report;

import java.time.Instant;

/** One fact of a lead's history: what, when, and the rep and queue the lead was with right after it. */
public record LeadEvent(long leadId, EventKind kind, Instant at, Long repId, Long queueId, String detail) {}
