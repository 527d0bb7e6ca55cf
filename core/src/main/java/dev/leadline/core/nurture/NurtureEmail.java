package dev.leadline.core.nurture;

import dev.leadline.core.lead.LeadId;
import java.time.Instant;

/**
 * An email of a cadence's step, recorded before it is sent: the step's enrolment ({@code lead},
 * {@code enrolledAt}, {@code step}) has one at most, and its state says how far its sending got.
 */
public record NurtureEmail(long id, LeadId lead, String cadence, int step, Instant enrolledAt, Long senderRepId, String fromAddress,
                           String fromName, String to, String subject, String text, String html, String messageId, String unsubscribeToken,
                           State state, int attempts, Instant nextTryAt, Instant createdAt, Instant sentAt, String error) {

    /**
     * {@code QUEUED}: to be sent (at {@code nextTryAt}); {@code SENDING}: handed to the mail server, answer
     * not recorded yet; {@code SENT}; {@code FAILED}: refused, or found unsendable (suppressed, no address);
     * {@code UNKNOWN}: the server stopped mid-hand-over, so it may have gone: it is not sent again blindly;
     * {@code DRAFT}: waiting for its owner's approval in chat until {@code nextTryAt}.
     */
    public enum State { QUEUED, SENDING, SENT, FAILED, UNKNOWN, DRAFT }

    public OutgoingEmail outgoing(String unsubscribeUrl) {
        return new OutgoingEmail(messageId, fromAddress, fromName, to, subject, text, html, unsubscribeUrl);
    }

    /** The domain of the address it goes to, lower case (the per-domain throttle counts by it). */
    public String toDomain() {
        return to.substring(to.lastIndexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
