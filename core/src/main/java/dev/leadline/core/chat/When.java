package dev.leadline.core.chat;

import dev.leadline.core.common.Instants;
import dev.leadline.core.common.ValidationException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everyday times as reps type them, in their own time zone: ISO ({@code 2026-11-24 15:00},
 * {@code 2026-11-24T15:00+01:00}), {@code today 16:30}, {@code tomorrow 3pm}, {@code mon 9am},
 * {@code in 2h}, {@code in 30 min}. A day without a time means 09:00.
 */
public final class When {
    public static final String EXAMPLES = "tomorrow 15:00, mon 9am, in 2h, 2026-11-24 15:00";
    private static final LocalTime DEFAULT_TIME = LocalTime.of(9, 0);
    private static final Pattern RELATIVE = Pattern.compile("in (\\d{1,4}) ?(m|min|mins|minutes?|h|hrs?|hours?|d|days?)");
    private static final Pattern CLOCK = Pattern.compile("(\\d{1,2})(?::(\\d{2}))? ?(am|pm)?");

    private When() {}

    /** The moment the words stand for, or empty when they are not a time. */
    public static Optional<Instant> read(String words, ZoneId zone, Instant now) {
        String text = words.strip().toLowerCase(Locale.ROOT);
        Matcher relative = RELATIVE.matcher(text);
        if (relative.matches()) {
            long n = Long.parseLong(relative.group(1));
            char unit = relative.group(2).charAt(0);
            return Optional.of(now.plus(unit == 'm' ? Duration.ofMinutes(n) : unit == 'h' ? Duration.ofHours(n) : Duration.ofDays(n)));
        }
        Optional<Instant> iso = iso(text, zone);
        if (iso.isPresent()) {
            return iso;
        }
        String[] parts = text.split(" ", 2);
        LocalDate today = now.atZone(zone).toLocalDate();
        Optional<LocalDate> day = day(parts[0], today);
        if (day.isPresent()) {
            Optional<LocalTime> time = parts.length == 1 ? Optional.of(DEFAULT_TIME) : clock(parts[1]);
            Optional<Instant> at = time.map(t -> ZonedDateTime.of(day.get(), t, zone).toInstant());
            if (at.isPresent() && weekday(parts[0]) && !at.get().isAfter(now)) {
                return Optional.of(at.get().atZone(zone).plusWeeks(1).toInstant());
            }
            return at;
        }
        return clock(text).map(t -> {
            ZonedDateTime candidate = ZonedDateTime.of(today, t, zone);
            return (candidate.toInstant().isAfter(now) ? candidate : candidate.plusDays(1)).toInstant();
        });
    }

    /**
     * Like {@link #read} but insists: a time in the past or words that are not a time are refused
     * with examples.
     */
    public static Instant require(String words, ZoneId zone, Instant now) {
        Instant at = read(words, zone, now).orElseThrow(() -> new ValidationException("when",
                "'" + words.strip() + "' is not a time I can read; try " + EXAMPLES));
        if (!at.isAfter(now)) {
            throw new ValidationException("when", "'" + words.strip() + "' is in the past (" + at.atZone(zone).toLocalDateTime() + " " + zone + ")");
        }
        return Instants.checked("when", at);
    }

    private static Optional<Instant> iso(String text, ZoneId zone) {
        String t = text.toUpperCase(Locale.ROOT).replace(' ', 'T');
        try {
            return Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            // not with an offset
        }
        try {
            return Optional.of(LocalDateTime.parse(t).atZone(zone).toInstant());
        } catch (DateTimeParseException e) {
            // not a local date-time
        }
        try {
            return Optional.of(LocalDate.parse(t).atTime(DEFAULT_TIME).atZone(zone).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<LocalDate> day(String word, LocalDate today) {
        if (word.equals("today")) {
            return Optional.of(today);
        }
        if (word.equals("tomorrow") || word.equals("tmrw")) {
            return Optional.of(today.plusDays(1));
        }
        for (DayOfWeek day : DayOfWeek.values()) {
            if (word.length() >= 3 && day.name().toLowerCase(Locale.ROOT).startsWith(word)) {
                int ahead = (day.getValue() - today.getDayOfWeek().getValue() + 7) % 7;
                return Optional.of(today.plusDays(ahead));
            }
        }
        return Optional.empty();
    }

    private static boolean weekday(String word) {
        return !word.equals("today") && !word.equals("tomorrow") && !word.equals("tmrw");
    }

    private static Optional<LocalTime> clock(String text) {
        Matcher m = CLOCK.matcher(text.strip());
        if (!m.matches() || (m.group(2) == null && m.group(3) == null)) {
            return Optional.empty();
        }
        int hour = Integer.parseInt(m.group(1));
        int minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        if (m.group(3) != null) {
            if (hour < 1 || hour > 12) {
                return Optional.empty();
            }
            hour = hour % 12 + (m.group(3).equals("pm") ? 12 : 0);
        }
        return hour < 24 && minute < 60 ? Optional.of(LocalTime.of(hour, minute)) : Optional.empty();
    }
}
