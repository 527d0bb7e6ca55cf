package dev.leadline.teams;

import dev.leadline.core.chat.Rich;

/**
 * Writes core's rich text as the Markdown Teams shows in messages and Adaptive Card text blocks.
 * Every span's text is backslash-escaped for Markdown and {@code <} is written as an entity, so no
 * value formats, links or injects HTML; code appears in quotes in cards, which have no code style.
 */
final class TeamsText {
    private TeamsText() {}

    /** For a message's text. */
    static String markdown(Rich text) {
        return write(text, false);
    }

    /** For a text block inside an Adaptive Card. */
    static String card(Rich text) {
        return write(text, true);
    }

    private static String write(Rich text, boolean card) {
        return text.write("- ", s -> span(s, card));
    }

    private static String span(Rich.Span span, boolean card) {
        if (span.text().isBlank()) {
            return span.text();
        } else if (span instanceof Rich.Bold) {
            return "**" + escape(span.text(), card) + "**";
        } else if (span instanceof Rich.Code) {
            return card ? "'" + escape(span.text(), true) + "'" : "`" + span.text().replace("`", "'").replace("<", "&lt;") + "`";
        } else if (span instanceof Rich.Link link && link.safe()) {
            return "[" + escape(link.text(), card) + "](" + link.url() + ")";
        }
        return escape(span.text(), card);
    }

    /** Backslash-escapes what Markdown formats or links with; a message (which may hold HTML) also gets {@code <} as an entity, a card (which shows entities as written) does not. */
    static String escape(String text, boolean card) {
        String escaped = text == null ? "" : text.replaceAll("([\\\\`*_~\\[\\]])", "\\\\$1");
        return card ? escaped : escaped.replace("<", "&lt;");
    }
}
