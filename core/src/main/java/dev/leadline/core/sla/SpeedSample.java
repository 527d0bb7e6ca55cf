package dev.leadline.core.sla;

import java.time.Instant;

/** When one lead arrived, was offered, claimed and first touched, and by whom, through what. */
public record SpeedSample(long leadId, Long ownerRepId, Long queueId, String source, Instant createdAt, Instant offeredAt,
                          Instant claimedAt, Instant firstTouchedAt) {}
