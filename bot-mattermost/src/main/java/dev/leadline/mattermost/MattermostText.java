package dev.leadline.mattermost;

import dev.leadline.core.chat.Rich;

/**
 * Writes core's rich text as Mattermost Markdown. Plain and bold text is backslash-escaped (Markdown,
 * mentions, HTML), code keeps its text as written (Markdown and mentions do not work inside it), and
 * a link is drawn only for an http(s) address.
 */
final class MattermostText {
    private MattermostText() {}

    static String markdown(Rich text) {
        return text.write("- ", MattermostText::span);
    }

    private static String span(Rich.Span span) {
        if (span.text().isBlank()) {
            return span.text();
        } else if (span instanceof Rich.Bold) {
            return "**" + Attachments.escape(span.text()) + "**";
        } else if (span instanceof Rich.Code) {
            return "`" + span.text().replace("`", "'") + "`";
        } else if (span instanceof Rich.Link link && link.safe()) {
            return "[" + Attachments.escape(link.text()) + "](" + link.url() + ")";
        }
        return Attachments.escape(span.text());
    }
}
