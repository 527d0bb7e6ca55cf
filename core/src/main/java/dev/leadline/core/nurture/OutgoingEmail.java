package dev.leadline.core.nurture;

/**
 * An email as it goes to the SMTP server: from the owner (or the configured sender on their behalf), to
 * the lead, with a plain-text and an HTML part, its own {@code Message-ID} (replies thread on it), and
 * the one-click unsubscribe address of RFC 8058.
 */
public record OutgoingEmail(String messageId, String fromAddress, String fromName, String to, String subject, String text, String html,
                            String unsubscribeUrl) {}
