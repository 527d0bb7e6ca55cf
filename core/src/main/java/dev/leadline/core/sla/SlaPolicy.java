package dev.leadline.core.sla;

import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.team.WorkingHours;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a queue promises: e.g. remind the owner after 5 min untouched, again at 15, reassign at 30,
 * alert the manager at 60. Each step's time counts from when the clock started (the offer or the
 * assignment); any touch of the configured kinds stops the clock. With business hours, only working
 * time counts: a lead offered on Friday at 16:58 with a 5-minute step is due on Monday at 09:03.
 */
public record SlaPolicy(List<Step> steps, Set<Touch> touches, Optional<BusinessHours> hours) {

    public SlaPolicy {
        steps = List.copyOf(steps);
        touches = touches.isEmpty() ? EnumSet.allOf(Touch.class) : EnumSet.copyOf(touches);
    }

    /** The hours an SLA counts, in the time zone they are kept in. */
    public record BusinessHours(WorkingHours hours, ZoneId zone) {}

    public SlaPolicy(List<Step> steps, Set<Touch> touches) {
        this(steps, touches, Optional.empty());
    }

    /** When a step that comes {@code after} this long is due, for a clock started at {@code start}. */
    public Instant deadline(Instant start, Duration after) {
        return hours.map(h -> h.hours().plus(start, after, h.zone())).orElseGet(() -> start.plus(after));
    }

    /**
     * Whether the managers were already told of this breach by the time step {@code index} is due: an
     * earlier step alerted them, or an earlier reassignment did (one that had succeeded would have
     * started the clock again, so an earlier one in the same run found nobody and alerted).
     */
    public boolean alertedBefore(int index) {
        return steps.subList(0, Math.min(index, steps.size())).stream()
                .anyMatch(s -> s.action() == Action.ALERT_MANAGER || s.action() == Action.REASSIGN);
    }

    /** How long the lead has been untouched, in the time this policy counts. */
    public Duration untouched(Instant start, Instant now) {
        return hours.map(h -> h.hours().between(start, now, h.zone())).orElseGet(() -> Duration.between(start, now));
    }

    /** What to do at a step. */
    public enum Action { REMIND, REASSIGN, ALERT_MANAGER }

    /** What counts as touching the lead. */
    public enum Touch {
        CLAIM(EnumSet.of(ActivityType.CLAIMED)),
        CONTACT(EnumSet.of(ActivityType.CONTACT_ATTEMPT, ActivityType.MEETING_SCHEDULED, ActivityType.NOTE)),
        STATUS(EnumSet.of(ActivityType.QUALIFIED, ActivityType.DISQUALIFIED, ActivityType.CONVERTED));

        private final Set<ActivityType> types;

        Touch(Set<ActivityType> types) {
            this.types = types;
        }

        public Set<ActivityType> types() {
            return types;
        }
    }

    /** One step: after this long untouched, do this. */
    public record Step(Duration after, Action action) {}

    public boolean touchedBy(ActivityType type) {
        return touches.stream().anyMatch(t -> t.types().contains(type));
    }

    public Optional<Step> step(int index) {
        return index < steps.size() ? Optional.of(steps.get(index)) : Optional.empty();
    }

    /**
     * Reads a policy as people write it: steps like {@code {after: 5m, do: remind}}.
     *
     * @throws ValidationException naming the bad part
     */
    public static SlaPolicy parse(String where, List<StepSpec> stepSpecs, List<String> touchSpecs) {
        return parse(where, stepSpecs, touchSpecs, null, null);
    }

    /**
     * Reads a policy that counts only business hours ({@code MON-FRI 09:00-17:00}) in a time zone;
     * without hours, every minute counts.
     *
     * @throws ValidationException naming the bad part
     */
    public static SlaPolicy parse(String where, List<StepSpec> stepSpecs, List<String> touchSpecs, String hours, String timeZone) {
        List<Step> steps = new ArrayList<>();
        Duration previous = Duration.ZERO;
        for (int i = 0; i < stepSpecs.size(); i++) {
            StepSpec spec = stepSpecs.get(i);
            Duration after = dev.leadline.core.common.Durations.parse(where + ".steps[" + i + "].after", spec.after());
            if (after.compareTo(previous) <= 0) {
                throw new ValidationException(where + ".steps[" + i + "].after", "steps must come later and later");
            }
            previous = after;
            steps.add(new Step(after, action(where + ".steps[" + i + "].do", spec.action())));
        }
        Set<Touch> touches = EnumSet.noneOf(Touch.class);
        for (String t : touchSpecs) {
            try {
                touches.add(Touch.valueOf(t.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ValidationException(where + ".touch", "'" + t + "' is not one of claim, contact, status");
            }
        }
        return new SlaPolicy(steps, touches, businessHours(where, hours, timeZone));
    }

    private static Optional<BusinessHours> businessHours(String where, String hours, String timeZone) {
        if (hours == null) {
            if (timeZone != null) {
                throw new ValidationException(where + ".timeZone", "only applies with hours, e.g. hours: MON-FRI 09:00-17:00");
            }
            return Optional.empty();
        }
        WorkingHours parsed = WorkingHours.parse(hours, where + ".hours");
        if (timeZone == null) {
            throw new ValidationException(where + ".timeZone", "business hours need a time zone, e.g. Europe/Berlin");
        }
        try {
            return Optional.of(new BusinessHours(parsed, ZoneId.of(timeZone.strip())));
        } catch (DateTimeException e) {
            throw new ValidationException(where + ".timeZone", "'" + timeZone + "' is not a time zone like Europe/Berlin");
        }
    }

    /** A step as written in configuration. */
    public record StepSpec(String after, String action) {}

    private static Action action(String field, String text) {
        try {
            return Action.valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ValidationException(field, "'" + text + "' is not one of remind, reassign, alert-manager");
        }
    }
}
