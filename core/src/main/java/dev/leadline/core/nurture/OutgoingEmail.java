package dev.leadline.core.nurture;

/**
 * An email as it goes to the SMTP server: from the owner (or the configured sender on their behalf), to
 * the lead, with a plain-text and an HTML part, its own {@code Message-ID} (replies thread on it), and
 * the one-click unsubscribe address of RFC 8058 (null for an email the person asked for, such as a
 * meeting invitation). {@code calendar}, when set, is an iCalendar object sent with it as the invitation
 * ({@code text/calendar} with its METHOD, and as {@code invite.ics}).
 */
public record OutgoingEmail(String messageId, String fromAddress, String fromName, String to, String subject, String text, String html,
                            String unsubscribeUrl, String calendar) {
    public OutgoingEmail(String messageId, String fromAddress, String fromName, String to, String subject, String text, String html,
                         String unsubscribeUrl) {
        this(messageId, fromAddress, fromName, to, subject, text, html, unsubscribeUrl, null);
    }
}
