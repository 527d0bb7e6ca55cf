package dev.leadline.core.integration;

import java.time.Instant;
import java.util.List;

/**
 * A webhook subscription: where to send which events, signed with its secret.
 *
 * @param failingSince   the first failed attempt since the last success, or null while it is healthy
 * @param disabledReason why Leadline disabled it, when it did
 */
public record Webhook(long id, String url, List<String> events, String description, String secret, Status status, Instant createdAt,
                      String createdBy, Instant updatedAt, Instant failingSince, String disabledReason) {
    /** Whether it gets new events: active ones do; paused and disabled ones get none until made active again. */
    public enum Status { ACTIVE, PAUSED, DISABLED }

    public Webhook {
        events = List.copyOf(events);
    }

    /** Its deliveries' target, e.g. {@code webhook:12}. */
    public String target() {
        return target(id);
    }

    public static String target(long id) {
        return "webhook:" + id;
    }
}
