package dev.leadline.server.booking;

import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.component.VFreeBusy;
import biweekly.io.TimezoneAssignment;
import biweekly.parameter.FreeBusyType;
import biweekly.property.DateOrDateTimeProperty;
import biweekly.property.FreeBusy;
import biweekly.util.DateTimeComponents;
import biweekly.util.ICalDate;
import biweekly.util.Period;
import biweekly.util.com.google.ical.compat.javautil.DateIterator;
import dev.leadline.core.booking.Interval;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;

/**
 * The busy times calendars hold within a window: events (recurring ones expanded in their own time zone,
 * with their exceptions and moved occurrences), leaving out transparent and cancelled ones, all-day
 * events busy for the whole day in the rep's time zone, and free/busy periods other than FREE. Times
 * without a zone ("floating") are the rep's.
 */
final class BusyTimes {
    /** More occurrences of one event in the window than any real calendar has: the rest are left out. */
    static final int MAX_OCCURRENCES = 5000;
    private final Instant from;
    private final Instant to;
    private final ZoneId repZone;
    private final List<Interval> busy = new ArrayList<>();

    private BusyTimes(Instant from, Instant to, ZoneId repZone) {
        this.from = from;
        this.to = to;
        this.repZone = repZone;
    }

    /** The busy intervals overlapping {@code [from, to)}, by start. */
    static List<Interval> within(List<ICalendar> calendars, Instant from, Instant to, ZoneId repZone) {
        BusyTimes times = new BusyTimes(from, to, repZone);
        calendars.forEach(times::add);
        return times.busy.stream().distinct().sorted(Comparator.comparing(Interval::start).thenComparing(Interval::end)).toList();
    }

    private void add(ICalendar calendar) {
        Map<String, List<VEvent>> byUid = new LinkedHashMap<>();
        for (VEvent event : calendar.getEvents()) {
            String uid = event.getUid() == null ? "no-uid-" + System.identityHashCode(event) : event.getUid().getValue();
            byUid.computeIfAbsent(uid, u -> new ArrayList<>()).add(event);
        }
        byUid.values().forEach(series -> addSeries(calendar, series));
        for (VFreeBusy freeBusy : calendar.getComponents(VFreeBusy.class)) {
            for (FreeBusy periods : freeBusy.getFreeBusy()) {
                if (!FreeBusyType.FREE.equals(periods.getType())) {
                    periods.getValues().forEach(this::addPeriod);
                }
            }
        }
    }

    /** A recurring event with its moved or changed occurrences (same UID, with a RECURRENCE-ID), or a single event. */
    private void addSeries(ICalendar calendar, List<VEvent> series) {
        Set<Object> replaced = new HashSet<>();
        for (VEvent override : series) {
            if (override.getRecurrenceId() != null) {
                replaced.add(key(calendar, override.getRecurrenceId()));
                if (busy(override) && override.getDateStart() != null) {
                    Start start = start(calendar, override.getDateStart());
                    addOccurrence(start, start.first(), length(calendar, override, start));
                }
            }
        }
        series.stream().filter(e -> e.getRecurrenceId() == null && busy(e) && e.getDateStart() != null)
                .forEach(master -> expand(calendar, master, replaced));
    }

    private static boolean busy(VEvent event) {
        return (event.getTransparency() == null || !event.getTransparency().isTransparent())
                && (event.getStatus() == null || !event.getStatus().isCancelled());
    }

    private void expand(ICalendar calendar, VEvent master, Set<Object> replaced) {
        Start start = start(calendar, master.getDateStart());
        Length length = length(calendar, master, start);
        DateIterator occurrences = master.getDateIterator(start.zone());
        occurrences.advanceTo(Date.from(from.minus(length.longest()).minus(Duration.ofDays(2))));
        for (int n = 0; occurrences.hasNext() && n < MAX_OCCURRENCES; n++) {
            Date occurrence = occurrences.next();
            if (start.local(occurrence).isAfter(to.plus(Duration.ofDays(2)))) {
                return;
            }
            if (!replaced.contains(start.key(occurrence))) {
                addOccurrence(start, occurrence, length);
            }
        }
    }

    private void addOccurrence(Start start, Date occurrence, Length length) {
        Instant begins;
        Instant ends;
        if (start.allDay()) {
            LocalDate day = start.day(occurrence);
            begins = day.atStartOfDay(repZone).toInstant();
            ends = day.plusDays(length.days()).atStartOfDay(repZone).toInstant();
        } else {
            begins = start.local(occurrence);
            ends = begins.plus(length.time());
        }
        if (ends.isAfter(begins) && begins.isBefore(to) && ends.isAfter(from)) {
            busy.add(new Interval(begins, ends));
        }
    }

    private void addPeriod(Period period) {
        if (period.getStartDate() == null) {
            return;
        }
        Instant begins = period.getStartDate().toInstant();
        Instant ends = period.getEndDate() != null ? period.getEndDate().toInstant()
                : period.getDuration() != null ? begins.plusMillis(period.getDuration().toMillis()) : begins;
        if (ends.isAfter(begins) && begins.isBefore(to) && ends.isAfter(from)) {
            busy.add(new Interval(begins, ends));
        }
    }

    /** How long each occurrence lasts: whole days for all-day events, else a span of time. */
    private record Length(long days, Duration time) {
        Duration longest() {
            return time.plusDays(days);
        }
    }

    private Length length(ICalendar calendar, VEvent event, Start start) {
        if (event.getDateEnd() != null && event.getDateEnd().getValue() != null) {
            Start end = start(calendar, event.getDateEnd());
            if (start.allDay()) {
                return new Length(Math.max(0, end.firstDay().toEpochDay() - start.firstDay().toEpochDay()), Duration.ZERO);
            }
            return new Length(0, Duration.between(start.local(start.first()), end.local(end.first())));
        }
        if (event.getDuration() != null && event.getDuration().getValue() != null) {
            long millis = event.getDuration().getValue().toMillis();
            return start.allDay() ? new Length(Math.max(1, millis / Duration.ofDays(1).toMillis()), Duration.ZERO)
                    : new Length(0, Duration.ofMillis(millis));
        }
        // RFC 5545: without an end, a day-long event lasts the day, a timed one takes no time
        return start.allDay() ? new Length(1, Duration.ZERO) : new Length(0, Duration.ZERO);
    }

    private Object key(ICalendar calendar, DateOrDateTimeProperty recurrenceId) {
        Start start = start(calendar, recurrenceId);
        return start.key(start.first());
    }

    private Start start(ICalendar calendar, DateOrDateTimeProperty property) {
        ICalDate value = property.getValue();
        TimezoneAssignment assigned = calendar.getTimezoneInfo().getTimezone(property);
        DateTimeComponents raw = value.getRawComponents();
        boolean utc = raw != null && raw.isUtc();
        boolean floating = value.hasTime() && assigned == null && !utc;
        TimeZone zone = assigned != null ? assigned.getTimeZone() : utc ? TimeZone.getTimeZone(ZoneOffset.UTC) : TimeZone.getDefault();
        return new Start(value, !value.hasTime(), floating, zone, repZone);
    }

    /**
     * An event's start and the zone its occurrences are counted in. Dates and floating times were read
     * in the JVM's zone, so they are turned back into days and wall-clock times there.
     */
    private record Start(ICalDate first, boolean allDay, boolean floating, TimeZone zone, ZoneId repZone) {
        Instant local(Date occurrence) {
            if (floating || allDay) {
                return LocalDateTime.ofInstant(occurrence.toInstant(), zone.toZoneId()).atZone(repZone).toInstant();
            }
            return occurrence.toInstant();
        }

        LocalDate day(Date occurrence) {
            return LocalDate.ofInstant(occurrence.toInstant(), zone.toZoneId());
        }

        LocalDate firstDay() {
            DateTimeComponents raw = first.getRawComponents();
            return raw != null ? LocalDate.of(raw.getYear(), raw.getMonth(), raw.getDate()) : day(first);
        }

        Object key(Date occurrence) {
            return allDay ? day(occurrence) : local(occurrence);
        }
    }
}
