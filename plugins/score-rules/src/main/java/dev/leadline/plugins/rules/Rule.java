package dev.leadline.plugins.rules;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.leadline.plugin.ActivitySummary;
import dev.leadline.plugin.LeadSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One scoring rule: a condition on a lead field (fit) or on its activity (engagement), the points it
 * gives and the reason shown. Engagement points halve every {@code halfLifeDays} since the lead's
 * last activity.
 */
record Rule(String field, String activity, String op, List<String> values, int points, String reason, Double halfLifeDays) {
    static final List<String> OPS = List.of("equals", "in", "contains", "startsWith", "atLeast", "atMost", "between", "empty", "notEmpty",
            "validPhone");

    /** Reads one rule from its YAML map; {@code where} names it in errors. */
    @SuppressWarnings("unchecked")
    static Rule read(Map<String, Object> yaml, String where) {
        Object when = yaml.get("when");
        if (!(when instanceof Map)) {
            throw new IllegalArgumentException(where + ": needs 'when: {field: <name>, <op>: <value>}'");
        }
        Map<String, Object> condition = (Map<String, Object>) when;
        String field = text(condition.get("field"));
        String activity = text(condition.get("activity"));
        if ((field == null) == (activity == null)) {
            throw new IllegalArgumentException(where + ": 'when' names either a field or an activity (contactAttempts, meetings)");
        }
        if (activity != null && !List.of("contactAttempts", "meetings").contains(activity)) {
            throw new IllegalArgumentException(where + ": unknown activity '" + activity + "' (contactAttempts, meetings)");
        }
        List<String> ops = condition.keySet().stream().filter(OPS::contains).toList();
        if (ops.size() != 1) {
            throw new IllegalArgumentException(where + ": 'when' needs exactly one of " + OPS);
        }
        String op = ops.get(0);
        Object raw = condition.get(op);
        List<String> values = raw instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : raw == null || raw instanceof Boolean ? List.of() : List.of(String.valueOf(raw));
        if (op.equals("between") && values.size() != 2) {
            throw new IllegalArgumentException(where + ": 'between' takes [low, high]");
        }
        if (List.of("atLeast", "atMost", "between").contains(op)) {
            values.forEach(v -> number(v).orElseThrow(() -> new IllegalArgumentException(where + ": '" + v + "' is not a number")));
        }
        if (!(yaml.get("points") instanceof Number points)) {
            throw new IllegalArgumentException(where + ": needs 'points' (a whole number, negative to take away)");
        }
        String reason = Optional.ofNullable(text(yaml.get("reason"))).orElseThrow(() -> new IllegalArgumentException(where + ": needs 'reason'"));
        Double halfLife = yaml.get("halfLifeDays") instanceof Number n ? n.doubleValue() : null;
        return new Rule(field, activity, op, values, points.intValue(), reason, halfLife);
    }

    /** The points this rule gives the lead now (0 when it does not match). */
    int points(LeadSnapshot lead, ActivitySummary summary, Instant now) {
        Optional<String> value = field != null ? lead.get(field)
                : Optional.of(String.valueOf(activity.equals("meetings") ? summary.meetings() : summary.contactAttempts()));
        if (op.equals("validPhone") ? !validPhone(Optional.ofNullable(lead.enrichment().get(field)).or(() -> value),
                lead.get("country").or(() -> lead.get("phoneCountry"))) : !matches(value)) {
            return 0;
        }
        if (halfLifeDays == null || summary.lastActivityAt() == null) {
            return points;
        }
        double days = Math.max(0, Duration.between(summary.lastActivityAt(), now).toHours() / 24.0);
        return (int) Math.round(points * Math.pow(0.5, days / halfLifeDays));
    }

    private boolean matches(Optional<String> value) {
        switch (op) {
            case "empty":
                return value.isEmpty();
            case "notEmpty":
                return value.isPresent();
            default:
                break;
        }
        if (value.isEmpty()) {
            return false;
        }
        String v = value.get().strip().toLowerCase(Locale.ROOT);
        switch (op) {
            case "equals":
            case "in":
                return values.stream().anyMatch(x -> x.strip().toLowerCase(Locale.ROOT).equals(v));
            case "contains":
                return values.stream().anyMatch(x -> v.contains(x.toLowerCase(Locale.ROOT)));
            case "startsWith":
                return values.stream().anyMatch(x -> v.startsWith(x.toLowerCase(Locale.ROOT)));
            default:
                Optional<Double> n = number(v);
                if (n.isEmpty()) {
                    return false;
                }
                double low = op.equals("atMost") ? Double.NEGATIVE_INFINITY : number(values.get(0)).orElseThrow();
                double high = op.equals("atLeast") ? Double.POSITIVE_INFINITY
                        : number(values.get(op.equals("between") ? 1 : 0)).orElseThrow();
                return n.get() >= low && n.get() <= high;
        }
    }

    /**
     * A number that libphonenumber finds valid: as enrichment normalised it (E.164) when it did, else
     * as given, read in the lead's country when it has a two-letter code, else as a US number.
     * "12345" is not one.
     */
    private static boolean validPhone(Optional<String> value, Optional<String> country) {
        if (value.isEmpty()) {
            return false;
        }
        String region = country.map(String::strip).filter(c -> c.matches("[A-Za-z]{2}")).map(c -> c.toUpperCase(Locale.ROOT)).orElse("US");
        try {
            PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
            return phones.isValidNumber(phones.parse(value.get(), region));
        } catch (NumberParseException e) {
            return false;
        }
    }

    private static Optional<Double> number(String text) {
        try {
            return Optional.of(Double.parseDouble(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String text(Object o) {
        return o == null ? null : String.valueOf(o).strip();
    }
}
