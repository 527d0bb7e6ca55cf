package dev.leadline.core.nurture;

import java.time.Instant;
import java.util.List;

/**
 * A message read from the nurture mailbox, classified: a person's {@code REPLY}, an {@code AUTO_REPLY}
 * (out of office), or a {@code BOUNCE} (a delivery status notification, with its status such as
 * {@code 5.1.1}). {@code refersTo} are the Message-IDs it answers: its {@code In-Reply-To} and
 * {@code References}, or for a bounce those of the message that bounced.
 */
public record InboundEmail(String messageId, String from, String subject, Kind kind, List<String> refersTo, String bounceStatus,
                           Instant receivedAt) {
    public enum Kind { REPLY, AUTO_REPLY, BOUNCE }

    public InboundEmail {
        refersTo = List.copyOf(refersTo);
    }

    /** A permanent failure (5.x.x, or a bounce that gives no status): the address is suppressed. */
    public boolean hardBounce() {
        return kind == Kind.BOUNCE && (bounceStatus == null || bounceStatus.startsWith("5"));
    }
}
