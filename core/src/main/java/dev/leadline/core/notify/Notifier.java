package dev.leadline.core.notify;

import java.time.Duration;

/**
 * Delivers cards to one chat platform. Implementations must be idempotent on the receiving side
 * where the platform allows, since delivery is at least once.
 */
public interface Notifier {
    /** The platform's name, e.g. {@code slack}, {@code teams}, {@code log}. */
    String platform();

    /**
     * The least time between two new messages to one destination (Slack: about a second per channel;
     * Teams: 7 per second per conversation). The dispatcher spaces deliveries accordingly.
     */
    default Duration minInterval() {
        return Duration.ZERO;
    }

    /** Posts a new card to the destination. */
    Delivery post(Destination destination, Card card);

    /** Replaces a card already posted. */
    Delivery update(MessageRef where, Card card);

    /** What became of one delivery. */
    sealed interface Delivery {
        /** Delivered; {@code ref} says where (kept to edit the card later). */
        record Delivered(String ref) implements Delivery {}

        /** Try again later, not before {@code after} (the platform's Retry-After, or our backoff). */
        record RetryLater(Duration after, String reason) implements Delivery {}

        /** Will never work (e.g. the channel is gone); the notification is dropped with the reason. */
        record Failed(String reason) implements Delivery {}
    }
}
