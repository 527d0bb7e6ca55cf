package dev.leadline.core.integration;

import java.time.Instant;

/**
 * One event to one listener, with its last attempt's answer.
 *
 * @param target       {@code webhook:<id>} or {@code crm:<connector>}
 * @param status       {@code pending}, {@code sending} (a node holds it now), {@code delivered} or {@code failed} (given up)
 * @param responseCode the listener's HTTP status at the last attempt, or null (no answer, or not HTTP)
 * @param response     the first 1 KB of the last answer's body
 * @param error        why the last attempt failed, or null
 * @param replayOf     the delivery this one replays, or null
 */
public record Delivery(long id, String target, IntegrationEvent event, String status, int attempts, Instant createdAt, Instant nextAttemptAt,
                       Instant lastAttemptAt, Integer responseCode, Integer latencyMs, String response, String error, Long replayOf) {
    public static final String PENDING = "pending";
    public static final String SENDING = "sending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
}
