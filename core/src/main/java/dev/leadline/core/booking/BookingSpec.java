package dev.leadline.core.booking;

import dev.leadline.core.common.ValidationException;
import dev.leadline.core.routing.Conditions;
import dev.leadline.core.routing.Criterion;
import dev.leadline.core.routing.RoutingFacts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A web form's booking settings, as written: {@code booking: {queue: Inbound, durationMinutes: 30, when: {score: ">= 60"}}}.
 * {@code queue} names whose calendars are offered when routing did not pick one rep; {@code when} (every
 * condition must hold; a value like {@code ">= 60"}, {@code "US"} or a list) says which visitors may book;
 * {@code days} how far ahead slots go (14); {@code alertAfterMinutes} when the owner hears that a visitor
 * who could book did not (15; 0 never).
 */
public record BookingSpec(String queue, Duration duration, Map<String, Object> when, int days, Duration alertAfter) {
    public static final Duration DEFAULT_DURATION = Duration.ofMinutes(30);
    static final Set<String> KEYS = Set.of("queue", "durationMinutes", "when", "days", "alertAfterMinutes");
    private static final Pattern COMPARISON = Pattern.compile("\\s*(>=|<=|!=|==|=|>|<)\\s*(.+)");

    public BookingSpec {
        when = when == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(when));
    }

    /**
     * Reads settings as leadline.yml or the forms API give them.
     *
     * @throws ValidationException naming {@code where} and what is wrong
     */
    public static BookingSpec parse(Object node, String where) {
        if (!(node instanceof Map<?, ?> raw)) {
            throw new ValidationException(where, "must be settings like {queue: Inbound, durationMinutes: 30}");
        }
        List<String> problems = new ArrayList<>();
        raw.keySet().stream().map(String::valueOf).filter(k -> !KEYS.contains(k)).sorted()
                .forEach(k -> problems.add("unknown setting '" + k + "'; use " + String.join(", ", KEYS.stream().sorted().toList())));
        Object queue = raw.get("queue");
        if (queue != null && (!(queue instanceof String q) || q.isBlank())) {
            problems.add("queue must be a queue's name");
        }
        int minutes = whole(raw.get("durationMinutes"), 30, 5, 480, "durationMinutes", problems);
        int days = whole(raw.get("days"), 14, 1, 60, "days", problems);
        int alert = whole(raw.get("alertAfterMinutes"), 15, 0, 7 * 24 * 60, "alertAfterMinutes", problems);
        Map<String, Object> when = new LinkedHashMap<>();
        Object whenNode = raw.get("when");
        if (whenNode != null && !(whenNode instanceof Map<?, ?>)) {
            problems.add("when must be conditions like {score: \">= 60\"}");
        } else if (whenNode != null) {
            ((Map<?, ?>) whenNode).forEach((k, v) -> when.put(String.valueOf(k), v));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(where, String.join("; ", problems));
        }
        BookingSpec spec = new BookingSpec(queue == null ? null : ((String) queue).strip(), Duration.ofMinutes(minutes), when, days,
                Duration.ofMinutes(alert));
        spec.criterion(where + ".when");
        return spec;
    }

    /** Whether a visitor with these facts may book. */
    public boolean admits(RoutingFacts facts) {
        return criterion("booking.when").matches(facts);
    }

    /** What {@code when} asks, in words, for the timeline. */
    public String conditions() {
        List<String> said = new ArrayList<>();
        when.forEach((field, value) -> said.add(field + " " + value));
        return String.join(", ", said);
    }

    /** The settings as they are written, for storage and the API. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        if (queue != null) {
            map.put("queue", queue);
        }
        map.put("durationMinutes", duration.toMinutes());
        if (!when.isEmpty()) {
            map.put("when", when);
        }
        map.put("days", days);
        map.put("alertAfterMinutes", alertAfter.toMinutes());
        return map;
    }

    private Criterion criterion(String where) {
        List<Criterion> parts = new ArrayList<>();
        when.forEach((field, value) -> parts.add(condition(field, value, where + "." + field)));
        return new Criterion.All(parts);
    }

    private static Criterion condition(String field, Object value, String where) {
        if (value instanceof List<?> list) {
            if (list.isEmpty() || list.stream().anyMatch(v -> !scalar(v))) {
                throw new ValidationException(where, "a list must hold one or more values like US or 500");
            }
            return Conditions.of(field, "in", list.stream().map(String::valueOf).toList(), where);
        }
        if (!scalar(value)) {
            throw new ValidationException(where, "must be a value like US, a list like [US, CA], or a comparison like \">= 60\"");
        }
        String text = value == null ? "" : String.valueOf(value);
        Matcher m = COMPARISON.matcher(text);
        if (!m.matches()) {
            return Conditions.of(field, "eq", List.of(text), where);
        }
        String op = switch (m.group(1)) {
            case ">=" -> "ge";
            case "<=" -> "le";
            case ">" -> "gt";
            case "<" -> "lt";
            case "!=" -> "ne";
            default -> "eq";
        };
        return Conditions.of(field, op, List.of(m.group(2).strip()), where);
    }

    private static boolean scalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    private static int whole(Object value, int otherwise, int min, int max, String name, List<String> problems) {
        if (value == null) {
            return otherwise;
        }
        try {
            int n = value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue()) ? number.intValue()
                    : Integer.parseInt(String.valueOf(value).strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        problems.add(name + " must be a whole number from " + min + " to " + max + ", not " + value);
        return otherwise;
    }
}
