package dev.leadline.core.routing;

import dev.leadline.core.team.QueueRouting;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.WorkingHours;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a member can take a lead now, as a list of small named checks; the first that refuses
 * says why the member is skipped.
 */
final class Availability {
    private static final Map<String, WorkingHours> HOURS = new ConcurrentHashMap<>();

    private Availability() {}

    /** What the checks look at for one member. */
    record Subject(Rep rep, Instant now, int openLeads, Map<String, Integer> tallies, QueueRouting.Caps caps, Periods periods) {}

    /** One check: a reason to skip the member, or nothing. */
    @FunctionalInterface
    interface Check {
        Optional<String> refuse(Subject s);
    }

    static final List<Check> ALL = List.of(
            Availability::inactive,
            Availability::paused,
            Availability::outOfOffice,
            Availability::outsideHours,
            Availability::atCapacity,
            Availability::capped);

    static Optional<String> skip(Subject subject) {
        for (Check check : ALL) {
            Optional<String> refusal = check.refuse(subject);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    static Optional<String> inactive(Subject s) {
        return s.rep().active() ? Optional.empty() : Optional.of("inactive");
    }

    static Optional<String> paused(Subject s) {
        return s.rep().paused() ? Optional.of("paused") : Optional.empty();
    }

    static Optional<String> outOfOffice(Subject s) {
        return s.rep().outOfOfficeAt(s.now())
                ? Optional.of("out of office" + (s.rep().outOfOfficeUntil() == null ? "" : " until " + s.rep().outOfOfficeUntil()))
                : Optional.empty();
    }

    static Optional<String> outsideHours(Subject s) {
        String text = s.rep().workingHours();
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        WorkingHours hours = HOURS.computeIfAbsent(text, t -> WorkingHours.parse(t, "workingHours"));
        return hours.isWorking(s.now(), s.rep().timeZone()) ? Optional.empty()
                : Optional.of("outside working hours (" + text + " " + s.rep().timeZone().getId() + ")");
    }

    static Optional<String> atCapacity(Subject s) {
        Integer capacity = s.rep().capacity();
        return capacity != null && s.openLeads() >= capacity
                ? Optional.of("at capacity (" + s.openLeads() + " open leads of " + capacity + ")") : Optional.empty();
    }

    static Optional<String> capped(Subject s) {
        return over(s.tallies().getOrDefault(s.periods().day(), 0), s.caps().repDay(), "today")
                .or(() -> over(s.tallies().getOrDefault(s.periods().week(), 0), s.caps().repWeek(), "this week"))
                .or(() -> over(s.tallies().getOrDefault(s.periods().month(), 0), s.caps().repMonth(), "this month"));
    }

    /** Whether the whole queue has taken its cap of leads for the day, week or month ({@code total}: its tallies by period). */
    static Optional<String> queueCapped(Map<String, Integer> total, QueueRouting.Caps caps, Periods periods) {
        return over(total.getOrDefault(periods.day(), 0), caps.day(), "today")
                .or(() -> over(total.getOrDefault(periods.week(), 0), caps.week(), "this week"))
                .or(() -> over(total.getOrDefault(periods.month(), 0), caps.month(), "this month"));
    }

    static Optional<String> over(int taken, Integer cap, String period) {
        return cap != null && taken >= cap ? Optional.of("capped (" + taken + " of " + cap + " " + period + ")") : Optional.empty();
    }
}
