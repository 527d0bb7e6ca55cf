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
}
