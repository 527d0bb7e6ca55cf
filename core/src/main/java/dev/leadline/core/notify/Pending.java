package dev.leadline.core.notify;

import java.time.Instant;

/**
 * One delivery taken from the outbox: a notification for one platform. {@code postingSince} is set
 * when an earlier attempt started a post whose outcome was never learned.
 */
public record Pending(Notification notification, String platform, Instant postingSince) {
    public long id() {
        return notification.id();
    }
}
