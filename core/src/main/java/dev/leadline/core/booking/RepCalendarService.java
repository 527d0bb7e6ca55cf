package dev.leadline.core.booking;

import dev.leadline.core.activity.AuditEntry;
import dev.leadline.core.activity.AuditLog;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.FieldError;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.RepSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Sets and removes reps' calendars (from the API and leadline.yml), audited; {@code changed} hears of
 * each change once it is committed, so the calendar is read at once.
 */
public final class RepCalendarService {
    private final Transactor transactor;
    private final RepCalendars calendars;
    private final AuditLog audit;
    private final Clock clock;
    private final LongConsumer changed;

    public RepCalendarService(Transactor transactor, RepCalendars calendars, AuditLog audit, Clock clock, LongConsumer changed) {
        this.transactor = transactor;
        this.calendars = calendars;
        this.audit = audit;
        this.clock = clock;
        this.changed = changed;
    }

    public Optional<RepCalendar> of(Rep rep) {
        return calendars.find(rep.id());
    }

    /** Sets the rep's calendar; setting the same one again changes nothing. */
    public RepCalendar set(Rep rep, CalendarSource source, Actor actor) {
        boolean set = transactor.inTransaction(() -> {
            Optional<CalendarSource> before = calendars.find(rep.id()).map(RepCalendar::source);
            if (before.filter(source::equals).isPresent()) {
                return false;
            }
            calendars.set(rep.id(), source, clock.instant());
            audit.record(List.of(new AuditEntry("rep", rep.email(), before.isEmpty() ? "calendar set" : "calendar changed", actor,
                    clock.instant(), before.map(RepCalendarService::snapshot).orElse(null), snapshot(source))));
            return true;
        });
        if (set) {
            changed.accept(rep.id());
        }
        return calendars.find(rep.id()).orElseThrow();
    }

    /** Removes the rep's calendar; false when they had none. */
    public boolean remove(Rep rep, Actor actor) {
        boolean removed = transactor.inTransaction(() -> {
            Optional<RepCalendar> before = calendars.find(rep.id());
            if (before.isEmpty() || !calendars.remove(rep.id())) {
                return false;
            }
            audit.record(List.of(new AuditEntry("rep", rep.email(), "calendar removed", actor, clock.instant(),
                    snapshot(before.get().source()), null)));
            return true;
        });
        if (removed) {
            changed.accept(rep.id());
        }
        return removed;
    }

    /**
     * The calendars leadline.yml gives its reps (each rep already applied); a rep entry without one
     * keeps the calendar it has.
     *
     * @throws ValidationException listing every bad calendar; nothing is changed then
     */
    public void apply(List<RepSpec> specs, Function<String, Optional<Rep>> repByEmail, Actor actor) {
        List<FieldError> problems = new ArrayList<>();
        Map<Rep, CalendarSource> valid = new java.util.LinkedHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            RepSpec spec = specs.get(i);
            if (spec.calendar() == null) {
                continue;
            }
            String where = "reps[" + i + "].calendar";
            try {
                CalendarSource source = source(spec.calendar(), where);
                repByEmail.apply(spec.email()).ifPresentOrElse(rep -> valid.put(rep, source),
                        () -> problems.add(new FieldError(where, "no rep with email " + spec.email())));
            } catch (ValidationException e) {
                problems.addAll(e.errors());
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        valid.forEach((rep, source) -> set(rep, source, actor));
    }

    /** The calendar a leadline.yml rep entry describes. */
    public static CalendarSource source(RepSpec.Calendar calendar, String where) {
        return CalendarSource.of(calendar.caldav(), calendar.user(), calendar.password(), calendar.ics(), where);
    }

    private static Map<String, String> snapshot(CalendarSource source) {
        Map<String, String> values = new TreeMap<>();
        values.put("kind", source.kind());
        values.put("url", source.shownUrl());
        if (source instanceof CalendarSource.CalDav calDav) {
            values.put("user", calDav.user());
        }
        return values;
    }
}
