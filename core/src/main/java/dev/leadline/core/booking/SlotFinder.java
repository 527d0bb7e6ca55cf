package dev.leadline.core.booking;

import dev.leadline.core.team.Rep;
import dev.leadline.core.team.WorkingHours;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bookable slots of reps, tried in order: a slot is free for a rep inside their working hours (office
 * hours, Monday to Friday 09:00-17:00 in their zone, when they set none), not while they are out of office,
 * paused or inactive, and clear of their Leadline meetings and their own calendar's busy times. Slots start on
 * a grid of 15 minutes (30 for meetings of 30 minutes or more), at least {@link #NOTICE} from now.
 */
public final class SlotFinder {
    /** The least time between now and a bookable slot. */
    public static final Duration NOTICE = Duration.ofMinutes(15);
    static final WorkingHours OFFICE_HOURS = WorkingHours.parse("MON-FRI 09:00-17:00", "workingHours");
    private static final Map<String, WorkingHours> HOURS = new ConcurrentHashMap<>();

    private SlotFinder() {}

    /** A free slot and the first rep (in the offer's order) free for it. */
    public record Slot(Instant start, Instant end, long repId) {}

    /** What the finder knows of one rep: the rep and when they are busy (meetings and calendar together). */
    public record Calendar(Rep rep, List<Interval> busy) {
        public Calendar {
            busy = busy.stream().sorted(Comparator.comparing(Interval::start)).toList();
        }
    }

    /** Slots starting in {@code [from, to)}, earliest first, at most {@code limit}. */
    public static List<Slot> find(List<Calendar> reps, Duration duration, Instant now, Instant from, Instant to, int limit) {
        List<Slot> slots = new ArrayList<>();
        long step = step(duration).toSeconds();
        Instant earliest = from.isBefore(now.plus(NOTICE)) ? now.plus(NOTICE) : from;
        long first = Math.floorDiv(earliest.getEpochSecond() + step - 1, step) * step;
        for (Instant start = Instant.ofEpochSecond(first); start.isBefore(to) && slots.size() < limit; start = start.plusSeconds(step)) {
            Optional<Slot> slot = freeFor(reps, start, start.plus(duration));
            slot.ifPresent(slots::add);
        }
        return slots;
    }

    /** The first of {@code reps} free from {@code start} to {@code end}, as a slot. */
    public static Optional<Slot> freeFor(List<Calendar> reps, Instant start, Instant end) {
        for (Calendar calendar : reps) {
            if (free(calendar, start, end)) {
                return Optional.of(new Slot(start, end, calendar.rep().id()));
            }
        }
        return Optional.empty();
    }

    /** Whether a slot starts on the grid a meeting of {@code duration} is offered on. */
    public static boolean onGrid(Instant start, Duration duration) {
        return start.getNano() == 0 && start.getEpochSecond() % step(duration).toSeconds() == 0;
    }

    static boolean free(Calendar calendar, Instant start, Instant end) {
        Rep rep = calendar.rep();
        if (!rep.active() || rep.paused() || rep.outOfOfficeAt(start) || rep.outOfOfficeAt(end.minusNanos(1))
                || rep.outOfOfficeFrom() != null && rep.outOfOfficeFrom().isAfter(start) && rep.outOfOfficeFrom().isBefore(end)) {
            return false;
        }
        WorkingHours hours = hours(rep);
        if (!hours.isWorking(start, rep.timeZone()) || hours.between(start, end, rep.timeZone()).compareTo(Duration.between(start, end)) < 0) {
            return false;
        }
        for (Interval busy : calendar.busy()) {
            if (!busy.start().isBefore(end)) {
                break;
            }
            if (busy.overlaps(start, end)) {
                return false;
            }
        }
        return true;
    }

    static Duration step(Duration duration) {
        return duration.compareTo(Duration.ofMinutes(30)) >= 0 ? Duration.ofMinutes(30) : Duration.ofMinutes(15);
    }

    private static WorkingHours hours(Rep rep) {
        String text = rep.workingHours();
        return text == null || text.isBlank() ? OFFICE_HOURS : HOURS.computeIfAbsent(text, t -> WorkingHours.parse(t, "workingHours"));
    }
}
