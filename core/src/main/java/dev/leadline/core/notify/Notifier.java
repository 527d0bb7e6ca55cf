package dev.leadline.core.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Delivers cards to one chat platform. The dispatcher gives each notifier its own deliveries (one per
 * notification and destination), so a platform that fails or waits never holds another back.
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

    /**
     * Posts a new card to the destination. {@code cardKey} names the card (e.g. {@code lead:42}); a
     * platform that can attach it to the message finds the post again with {@link #find}.
     */
    Delivery post(Destination destination, String cardKey, Card card);

    /** Replaces a card already posted. */
    Delivery update(MessageRef where, Card card);

    /**
     * After a post whose outcome is unknown (a timeout, a crash mid-call): the card's messages at the
     * destination since {@code since}, so that it is edited rather than posted twice.
     */
    default Lookup find(Destination destination, String cardKey, Instant since) {
        return new Lookup.CannotTell();
    }

    /**
     * Says {@code lastWords} in a lead's room ({@link Destination#room}) and archives it. Platforms
     * without rooms have nothing to do.
     */
    default Delivery archive(Destination room, String lastWords) {
        return new Delivery.NoAddress(platform() + " has no rooms");
    }

    /**
     * Brings an archived room back; {@code words} say why, for a platform that says it in the room
     * (Teams, which cannot archive a thread, says there that it is open again).
     */
    default Delivery unarchive(Destination room, String words) {
        return new Delivery.NoAddress(platform() + " has no rooms");
    }

    /** What became of one delivery. */
    sealed interface Delivery {
        /** Delivered; {@code ref} says where (kept to edit the card later; empty when the platform gave none). */
        record Delivered(String ref) implements Delivery {}

        /** Not delivered; try again later, not before {@code after} (the platform's Retry-After, or our backoff). */
        record RetryLater(Duration after, String reason) implements Delivery {}

        /** The request may or may not have been carried out (no answer in time); the next attempt looks before it posts. */
        record Unknown(String reason) implements Delivery {}

        /** The destination has no address on this platform (a queue without a channel there, a rep not on it): nothing to do. */
        record NoAddress(String reason) implements Delivery {}

        /** Will never work (e.g. the channel is gone); the delivery is dropped with the reason. */
        record Failed(String reason) implements Delivery {}

        /** The message to edit no longer exists (someone deleted it): the card is posted again in its place. */
        record Gone(String reason) implements Delivery {}
    }

    /** What a look for a card's messages found. */
    sealed interface Lookup {
        /** The card's messages, oldest first. */
        record Found(List<String> refs) implements Lookup {}

        record NotFound() implements Lookup {}

        /** The platform cannot look messages up, or did not answer. */
        record CannotTell() implements Lookup {}

        /**
         * The platform cannot look, and sending again could make twice what must be made once (a lead's
         * room): the delivery's outcome stays unknown, and it is looked for again on the next attempt.
         */
        record Pending(String reason) implements Lookup {}
    }
}
