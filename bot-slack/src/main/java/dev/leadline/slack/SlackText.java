package dev.leadline.slack;

import dev.leadline.core.chat.Rich;

/**
 * Writes core's rich text as Slack mrkdwn. Every span's text is escaped as Slack documents ({@code &},
 * {@code <}, {@code >}), so no value can become a link or a mention ({@code <!here>}); a link is
 * drawn only for an http(s) address.
 */
public final class SlackText {
    private SlackText() {}

    public static String mrkdwn(Rich text) {
        return text.write("• ", SlackText::span);
    }

    private static String span(Rich.Span span) {
        String text = BlockKitRenderer.escape(span.text());
        if (span instanceof Rich.Bold) {
            return text.isBlank() ? text : "*" + text.replace("*", "\u2217") + "*";
        } else if (span instanceof Rich.Code) {
            return text.isBlank() ? text : "`" + text.replace("`", "'") + "`";
        } else if (span instanceof Rich.Link link && link.safe()) {
            return "<" + link.url() + "|" + text.replace("|", "\u2223") + ">";
        }
        return text;
    }
}
