package dev.leadline.core.notify;

import java.time.Instant;

/**
 * One pending announcement. A {@code POST} puts the card in front of its destination; an
 * {@code UPDATE} edits every copy of the card already posted (same {@code cardKey}). {@code leadId} is
 * empty for notifications about a rep's day rather than one lead (the daily digest).
 */
public record Notification(long id, Kind kind, Long leadId, String cardKey, Destination destination, Card card, int attempts,
                           Instant createdAt) {
    /**
     * Post a new card, or edit the ones already out; archive a room (its last message in the card's
     * status) or bring it back.
     */
    public enum Kind { POST, UPDATE, ARCHIVE, UNARCHIVE }
}
