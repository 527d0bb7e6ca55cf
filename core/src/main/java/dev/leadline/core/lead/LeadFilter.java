package dev.leadline.core.lead;

import dev.leadline.core.common.Instants;
import dev.leadline.core.common.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One condition of a custom list view: a field, an operator and its values, checked on creation so
 * that a stored view always runs. Times take ISO dates or instants, {@code now}, or an offset from
 * the moment the view is opened ({@code -7d}, {@code -12h}, {@code +30m}).
 */
public record LeadFilter(FilterField field, Operator op, List<String> values) {
    private static final Pattern RELATIVE = Pattern.compile("([+-])(\\d{1,5})([dhm])");

    /**
     * Comparison operators, with the field kinds each applies to. Leads without a value match only
     * {@code ne} ("not Acme" includes leads with no company) and {@code empty}.
     */
    public enum Operator {
        EQ(FilterField.Kind.values()), NE(FilterField.Kind.values()), IN(FilterField.Kind.values()),
        CONTAINS(FilterField.Kind.TEXT), STARTS_WITH(FilterField.Kind.TEXT),
        GT(FilterField.Kind.NUMBER, FilterField.Kind.TIME), GE(FilterField.Kind.NUMBER, FilterField.Kind.TIME),
        LT(FilterField.Kind.NUMBER, FilterField.Kind.TIME), LE(FilterField.Kind.NUMBER, FilterField.Kind.TIME),
        EMPTY(FilterField.Kind.TEXT, FilterField.Kind.NUMBER, FilterField.Kind.TIME, FilterField.Kind.REP, FilterField.Kind.QUEUE),
        NOT_EMPTY(FilterField.Kind.TEXT, FilterField.Kind.NUMBER, FilterField.Kind.TIME, FilterField.Kind.REP, FilterField.Kind.QUEUE);

        private final Set<FilterField.Kind> kinds;

        Operator(FilterField.Kind... kinds) {
            this.kinds = EnumSet.copyOf(Arrays.asList(kinds));
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Operator parse(String label, String where) {
            try {
                return valueOf(label.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new ValidationException(where, "unknown operator '" + label + "'; use one of "
                        + Arrays.stream(values()).map(Operator::label).collect(Collectors.joining(", ")));
            }
        }
    }

    public LeadFilter {
        values = List.copyOf(values);
    }

    /** Builds a filter and checks that operator and values suit the field; {@code where} names it in errors. */
    public static LeadFilter of(FilterField field, Operator op, List<String> values, String where) {
        if (!op.kinds.contains(field.kind())) {
            throw new ValidationException(where, "operator " + op.label() + " does not apply to " + field.describe());
        }
        int expected = switch (op) {
            case EMPTY, NOT_EMPTY -> 0;
            case IN -> -1;
            default -> 1;
        };
        if (expected == 0 && !values.isEmpty() || expected == 1 && values.size() != 1 || expected == -1 && values.isEmpty()) {
            throw new ValidationException(where, op.label() + " takes " + switch (expected) {
                case 0 -> "no value";
                case 1 -> "exactly one value";
                default -> "one or more values";
            });
        }
        for (String value : values) {
            check(field, value, where);
        }
        return new LeadFilter(field, op, values);
    }

    private static void check(FilterField field, String value, String where) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(where, "values must not be empty (use the empty operator)");
        }
        switch (field.kind()) {
            case NUMBER, REP, QUEUE -> number(value, where);
            case TIME -> time(value, Instant.EPOCH, where);
            case STATUS -> status(value, where);
            case TEXT -> { }
        }
    }

    public static long number(String value, String where) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new ValidationException(where, "'" + value + "' is not a whole number");
        }
    }

    public static LeadStatus status(String value, String where) {
        try {
            return LeadStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(where, "'" + value + "' is not one of " + Arrays.toString(LeadStatus.values()));
        }
    }

    /** The instant a time value stands for when the view is opened at {@code now}. */
    public static Instant time(String value, Instant now, String where) {
        String text = value.strip();
        if (text.equalsIgnoreCase("now")) {
            return now;
        }
        Matcher relative = RELATIVE.matcher(text);
        if (relative.matches()) {
            long amount = Long.parseLong(relative.group(2)) * (relative.group(1).equals("-") ? -1 : 1);
            return now.plus(switch (relative.group(3)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofMinutes(amount);
            });
        }
        try {
            return Instants.checked(where, text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw new ValidationException(where, "'" + value + "' is not a time: use 2026-11-23, 2026-11-23T09:00:00Z, now, -7d, -12h or +30m");
        }
    }
}
