package dev.leadline.core.lead;

import java.time.Instant;

/**
 * A lead about to be stored. {@code intakeKey} identifies the source record (an import row or an
 * external id) so that re-running the same intake finds it instead of creating it again.
 */
public record NewLead(LeadData data, String intakeKey, Long queueId, Instant createdAt) {}
