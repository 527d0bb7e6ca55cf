package dev.leadline.core.sla;

import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.common.ValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a queue promises: e.g. remind the owner after 5 min untouched, again at 15, reassign at 30,
 * alert the manager at 60. Each step's time counts from when the clock started (the offer or the
 * assignment); any touch of the configured kinds stops the clock.
 */
public record SlaPolicy(List<Step> steps, Set<Touch> touches) {
    private static final Pattern DURATION = Pattern.compile("^(\\d+)\\s*(s|m|min|h)$");

    public SlaPolicy {
        steps = List.copyOf(steps);
        touches = touches.isEmpty() ? EnumSet.allOf(Touch.class) : EnumSet.copyOf(touches);
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
        List<Step> steps = new ArrayList<>();
        Duration previous = Duration.ZERO;
        for (int i = 0; i < stepSpecs.size(); i++) {
            StepSpec spec = stepSpecs.get(i);
            Duration after = duration(where + ".steps[" + i + "].after", spec.after());
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
        return new SlaPolicy(steps, touches);
    }

    /** A step as written in configuration. */
    public record StepSpec(String after, String action) {}

    static Duration duration(String field, String text) {
        Matcher m = text == null ? null : DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (m == null || !m.matches()) {
            throw new ValidationException(field, "'" + text + "' is not a duration like 90s, 5m or 2h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofMinutes(n);
        };
    }

    private static Action action(String field, String text) {
        try {
            return Action.valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ValidationException(field, "'" + text + "' is not one of remind, reassign, alert-manager");
        }
    }
}
