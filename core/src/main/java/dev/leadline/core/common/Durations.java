package dev.leadline.core.common;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as configuration writes them: {@code 500ms}, {@code 90s}, {@code 5m} (or {@code 5min}), {@code 2h}. */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile("^(\\d{1,9})\\s*(ms|s|m|min|h)$");

    private Durations() {}

    /**
     * @throws ValidationException naming {@code field} when the text is not such a duration
     */
    public static Duration parse(String field, String text) {
        Matcher m = text == null ? null : DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (m == null || !m.matches()) {
            throw new ValidationException(field, "'" + text + "' is not a duration like 500ms, 90s, 5m or 2h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofMinutes(n);
        };
    }

    /** A span for people: "42 s", "3 m 53 s", "2 h 5 m", "3 d 4 h" (negative spans as 0 s). */
    public static String words(Duration d) {
        long seconds = Math.max(0, d.getSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " m" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        if (seconds < 86_400) {
            return seconds / 3600 + " h " + seconds % 3600 / 60 + " m";
        }
        return seconds / 86_400 + " d " + seconds % 86_400 / 3600 + " h";
    }
}
