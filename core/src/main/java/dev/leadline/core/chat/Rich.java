package dev.leadline.core.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words for a reply with a little structure (bold, code, a link, a lead reference, list items),
 * free of any platform's markup. Each platform writes it in its own syntax and escapes what the
 * spans carry, so a value such as a lead named {@code *free* <!here>} is shown as written.
 * Immutable: every method returns a longer text.
 */
public record Rich(List<Line> lines) {
    public Rich {
        lines = List.copyOf(lines);
    }

    /** One line; an {@code item} is a list item. */
    public record Line(List<Span> spans, boolean item) {
        public Line {
            spans = List.copyOf(spans);
        }
    }

    /** A run of text and what it is. */
    public sealed interface Span {
        String text();
    }

    public record Plain(String text) implements Span {}

    public record Bold(String text) implements Span {}

    /** Something to type, e.g. a command. */
    public record Code(String text) implements Span {}

    /** A link; renderers draw it only when {@link #safe()}, else they show its text alone. */
    public record Link(String text, String url) implements Span {
        /** An absolute http(s) address without spaces or the characters chat markups use to end a link. */
        public boolean safe() {
            return url != null && url.matches("(?i)https?://[^\\s<>|()\\[\\]\"`]+");
        }
    }

    /** A lead's reference ({@code L-42}); a platform may link it to the lead. */
    public record LeadRef(String text) implements Span {}

    private static final Pattern MARKUP = Pattern.compile("\\*([^*\\n]+)\\*|`([^`\\n]+)`");

    public static Rich empty() {
        return new Rich(List.of());
    }

    /** Plain text, lines split at newlines. */
    public static Rich of(String text) {
        return empty().text(text);
    }

    /**
     * Text written in the code, with {@code *bold*} and {@code `code`}: for fixed sentences such as the
     * help, never for values (a value goes in as a span, e.g. {@link #text}).
     */
    public static Rich markup(String fixed) {
        Rich rich = empty();
        String[] lines = fixed.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            rich = i == 0 ? rich : rich.line();
            Matcher m = MARKUP.matcher(lines[i]);
            int at = 0;
            while (m.find()) {
                rich = rich.text(lines[i].substring(at, m.start()));
                rich = m.group(1) != null ? rich.bold(m.group(1)) : rich.code(m.group(2));
                at = m.end();
            }
            rich = rich.text(lines[i].substring(at));
        }
        return rich;
    }

    public Rich text(String text) {
        if (text == null || text.isEmpty()) {
            return this;
        }
        String[] parts = text.split("\n", -1);
        Rich rich = with(new Plain(parts[0]));
        for (int i = 1; i < parts.length; i++) {
            rich = rich.line().with(new Plain(parts[i]));
        }
        return rich;
    }

    public Rich bold(String text) {
        return with(new Bold(text));
    }

    public Rich code(String text) {
        return with(new Code(text));
    }

    public Rich link(String text, String url) {
        return with(new Link(text, url));
    }

    public Rich lead(String reference) {
        return with(new LeadRef(reference));
    }

    /** Starts a new line. */
    public Rich line() {
        return add(new Line(List.of(), false));
    }

    /** Starts a list item. */
    public Rich item() {
        return add(new Line(List.of(), true));
    }

    /** This text, then {@code more} from a new line. */
    public Rich then(Rich more) {
        List<Line> all = new ArrayList<>(lines);
        all.addAll(more.lines);
        return new Rich(all);
    }

    /** The words alone, without any markup: for notifications, logs and tests. */
    public String plain() {
        return write("• ", Span::text);
    }

    /** The text in a platform's markup: lines joined by newlines, items after {@code bullet}, each span as {@code span} writes it. */
    public String write(String bullet, java.util.function.Function<Span, String> span) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            out.append(i == 0 ? "" : "\n").append(lines.get(i).item() ? bullet : "");
            lines.get(i).spans().forEach(s -> out.append(span.apply(s)));
        }
        return out.toString();
    }

    private Rich with(Span span) {
        List<Line> all = new ArrayList<>(lines.isEmpty() ? List.of(new Line(List.of(), false)) : lines);
        Line last = all.remove(all.size() - 1);
        List<Span> spans = new ArrayList<>(last.spans());
        spans.add(span);
        all.add(new Line(spans, last.item()));
        return new Rich(all);
    }

    private Rich add(Line line) {
        List<Line> all = new ArrayList<>(lines);
        all.add(line);
        return new Rich(all);
    }
}
