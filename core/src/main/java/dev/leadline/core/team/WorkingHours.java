package dev.leadline.core.team;

import dev.leadline.core.common.ValidationException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When someone works, week by week in local time, as people write it: {@code MON-FRI 09:00-17:00},
 * several spans separated by {@code ;} ({@code MON-THU 08:00-16:00; FRI 08:00-12:00}), or
 * {@code 24/7}. Working time is counted in a time zone, so daylight-saving changes are respected.
 */
public final class WorkingHours {
    private static final Pattern SPAN = Pattern.compile("([A-Za-z,\\- ]+?)\\s+(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})");
    private static final LocalTime MIDNIGHT_END = LocalTime.MAX;
    public static final WorkingHours ALWAYS = parse("24/7", "hours");

    private final String text;
    private final Map<DayOfWeek, List<LocalTime[]>> byDay;

    private WorkingHours(String text, Map<DayOfWeek, List<LocalTime[]>> byDay) {
        this.text = text;
        this.byDay = byDay;
    }

    /**
     * Reads working hours.
     *
     * @throws ValidationException naming {@code where} and saying what is wrong
     */
    public static WorkingHours parse(String text, String where) {
        if (text == null || text.isBlank()) {
            throw new ValidationException(where, "give working hours like MON-FRI 09:00-17:00");
        }
        Map<DayOfWeek, List<LocalTime[]>> byDay = new EnumMap<>(DayOfWeek.class);
        if (text.strip().equals("24/7")) {
            for (DayOfWeek day : DayOfWeek.values()) {
                byDay.put(day, List.<LocalTime[]>of(new LocalTime[] {LocalTime.MIDNIGHT, MIDNIGHT_END}));
            }
            return new WorkingHours("24/7", byDay);
        }
        for (String span : text.split(";")) {
            Matcher m = SPAN.matcher(span.strip());
            if (!m.matches()) {
                throw new ValidationException(where, "'" + span.strip() + "' is not like MON-FRI 09:00-17:00");
            }
            LocalTime from = time(m.group(2), where);
            LocalTime to = m.group(3).equals("24:00") ? MIDNIGHT_END : time(m.group(3), where);
            if (!to.isAfter(from)) {
                throw new ValidationException(where, "'" + span.strip() + "' ends before it starts; split overnight shifts at midnight");
            }
            for (DayOfWeek day : days(m.group(1), where)) {
                byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(new LocalTime[] {from, to});
            }
        }
        for (Map.Entry<DayOfWeek, List<LocalTime[]>> day : byDay.entrySet()) {
            List<LocalTime[]> spans = day.getValue();
            spans.sort((a, b) -> a[0].compareTo(b[0]));
            for (int i = 1; i < spans.size(); i++) {
                if (spans.get(i)[0].isBefore(spans.get(i - 1)[1])) {
                    throw new ValidationException(where, "spans overlap on " + day.getKey().name().substring(0, 3) + "; give each hour once");
                }
            }
        }
        return new WorkingHours(text.strip(), byDay);
    }

    /** The moment {@code work} of working time has passed after {@code start}, counted in {@code zone}. */
    public Instant plus(Instant start, Duration work, ZoneId zone) {
        Duration left = work;
        LocalDate day = start.atZone(zone).toLocalDate();
        for (int i = 0; i < 8 * 366; i++, day = day.plusDays(1)) {
            for (LocalTime[] span : byDay.getOrDefault(day.getDayOfWeek(), List.of())) {
                Instant open = ZonedDateTime.of(day, span[0], zone).toInstant();
                Instant close = end(day, span[1], zone);
                Instant from = open.isBefore(start) ? start : open;
                if (!from.isBefore(close)) {
                    continue;
                }
                Duration available = Duration.between(from, close);
                if (left.compareTo(available) <= 0) {
                    return from.plus(left);
                }
                left = left.minus(available);
            }
        }
        throw new IllegalStateException("working hours '" + text + "' never add up to " + work);
    }

    /**
     * The same time of day {@code days} working days after {@code start} in {@code zone}: days without
     * working hours are not counted (with {@code 24/7}, every day is).
     */
    public Instant plusWorkingDays(Instant start, int days, ZoneId zone) {
        ZonedDateTime local = start.atZone(zone);
        LocalDate day = local.toLocalDate();
        for (int counted = 0, i = 0; counted < days; i++) {
            if (i > 8 * 366) {
                throw new IllegalStateException("working hours '" + text + "' have no working day");
            }
            day = day.plusDays(1);
            if (!byDay.getOrDefault(day.getDayOfWeek(), List.of()).isEmpty()) {
                counted++;
            }
        }
        return ZonedDateTime.of(day, local.toLocalTime(), zone).toInstant();
    }

    /** {@code at} when it is inside working hours, else the moment they next begin. */
    public Instant nextWorking(Instant at, ZoneId zone) {
        return plus(at, Duration.ZERO, zone);
    }

    /** Working time between two moments, counted in {@code zone}. */
    public Duration between(Instant start, Instant end, ZoneId zone) {
        Duration total = Duration.ZERO;
        for (LocalDate day = start.atZone(zone).toLocalDate(); !day.isAfter(end.atZone(zone).toLocalDate()); day = day.plusDays(1)) {
            for (LocalTime[] span : byDay.getOrDefault(day.getDayOfWeek(), List.of())) {
                Instant from = later(ZonedDateTime.of(day, span[0], zone).toInstant(), start);
                Instant to = earlier(end(day, span[1], zone), end);
                if (from.isBefore(to)) {
                    total = total.plus(Duration.between(from, to));
                }
            }
        }
        return total;
    }

    /** Whether {@code at} falls inside working hours in {@code zone}. */
    public boolean isWorking(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        return byDay.getOrDefault(local.getDayOfWeek(), List.of()).stream()
                .anyMatch(span -> !time.isBefore(span[0]) && (time.isBefore(span[1]) || span[1] == MIDNIGHT_END));
    }

    @Override
    public String toString() {
        return text;
    }

    private static Instant end(LocalDate day, LocalTime end, ZoneId zone) {
        return end == MIDNIGHT_END ? day.plusDays(1).atStartOfDay(zone).toInstant() : ZonedDateTime.of(day, end, zone).toInstant();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalTime time(String text, String where) {
        try {
            return LocalTime.parse(text.length() == 4 ? "0" + text : text);
        } catch (DateTimeParseException e) {
            throw new ValidationException(where, "'" + text + "' is not a time like 09:00");
        }
    }

    private static List<DayOfWeek> days(String text, String where) {
        List<DayOfWeek> days = new ArrayList<>();
        for (String part : text.strip().split("\\s*,\\s*")) {
            String[] range = part.split("\\s*-\\s*");
            DayOfWeek first = day(range[0], where);
            DayOfWeek last = range.length > 1 ? day(range[1], where) : first;
            for (DayOfWeek d = first; ; d = d.plus(1)) {
                days.add(d);
                if (d == last) {
                    break;
                }
            }
        }
        return days;
    }

    private static DayOfWeek day(String text, String where) {
        String wanted = text.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (wanted.length() >= 3 && day.name().startsWith(wanted)) {
                return day;
            }
        }
        throw new ValidationException(where, "'" + text.strip() + "' is not a day like MON or TUE");
    }
}
