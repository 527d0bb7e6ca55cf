package dev.leadline.core.routing;

import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadFilter;
import dev.leadline.core.routing.Criterion.Condition;
import dev.leadline.core.routing.Criterion.Condition.Op;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Builds conditions, checking field, operator and values up front so that a stored rule always runs.
 * Text compares ignoring case; {@code gt ge lt le between} compare numbers, or times (ISO dates or
 * instants, {@code now}, {@code -7d}); {@code country} knows ISO codes and English names
 * ({@code US}, {@code USA}, {@code United States}); {@code postcode} takes ranges ({@code 10000-19999})
 * and prefixes ({@code SW1}).
 */
public final class Conditions {
    private static final Map<String, String> COUNTRIES = countries();

    private Conditions() {}

    public static Condition of(String field, String opLabel, List<String> values, String where) {
        checkField(field, where + ".field");
        Op op = op(opLabel, where + ".op");
        int expected = switch (op) {
            case EMPTY, NOT_EMPTY -> 0;
            case IN, COUNTRY, POSTCODE -> -1;
            case BETWEEN -> 2;
            default -> 1;
        };
        if (expected == 0 && !values.isEmpty() || expected > 0 && values.size() != expected || expected == -1 && values.isEmpty()) {
            throw new ValidationException(where + ".value", op.label() + " takes " + switch (expected) {
                case 0 -> "no value";
                case 1 -> "exactly one value";
                case 2 -> "two values, low and high";
                default -> "one or more values";
            });
        }
        if (values.stream().anyMatch(v -> v == null || v.isBlank())) {
            throw new ValidationException(where + ".value", "values must not be empty (use the empty operator)");
        }
        return new Condition(field, op, values, test(op, values, where + ".value"));
    }

    private static Condition.ValueTest test(Op op, List<String> values, String where) {
        List<String> lower = values.stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).toList();
        String first = lower.isEmpty() ? null : lower.get(0);
        return switch (op) {
            case EQ -> (v, f) -> v != null && v.strip().toLowerCase(Locale.ROOT).equals(first);
            case NE -> (v, f) -> v == null || !v.strip().toLowerCase(Locale.ROOT).equals(first);
            case IN -> {
                Set<String> set = Set.copyOf(lower);
                yield (v, f) -> v != null && set.contains(v.strip().toLowerCase(Locale.ROOT));
            }
            case CONTAINS -> (v, f) -> v != null && v.toLowerCase(Locale.ROOT).contains(first);
            case STARTS_WITH -> (v, f) -> v != null && v.strip().toLowerCase(Locale.ROOT).startsWith(first);
            case REGEX -> {
                Pattern pattern = regex(values.get(0), where);
                yield (v, f) -> v != null && pattern.matcher(v).find();
            }
            case GT -> compare(values.get(0), where, c -> c > 0);
            case GE -> compare(values.get(0), where, c -> c >= 0);
            case LT -> compare(values.get(0), where, c -> c < 0);
            case LE -> compare(values.get(0), where, c -> c <= 0);
            case BETWEEN -> {
                Condition.ValueTest low = compare(values.get(0), where, c -> c >= 0);
                Condition.ValueTest high = compare(values.get(1), where, c -> c <= 0);
                yield (v, f) -> low.test(v, f) && high.test(v, f);
            }
            case EMPTY -> (v, f) -> v == null;
            case NOT_EMPTY -> (v, f) -> v != null;
            case COUNTRY -> {
                Set<String> codes = values.stream().map(c -> country(c).orElseThrow(() ->
                        new ValidationException(where, "'" + c + "' is not a country (use an ISO code like US or a name like Germany)")))
                        .collect(Collectors.toUnmodifiableSet());
                yield (v, f) -> v != null && country(v).filter(codes::contains).isPresent();
            }
            case POSTCODE -> postcode(values, where);
        };
    }

    /** The ISO 3166 alpha-2 code of a country written as a code (US, USA) or an English name. */
    public static Optional<String> country(String text) {
        return Optional.ofNullable(COUNTRIES.get(text.strip().toLowerCase(Locale.ROOT).replace(".", "")));
    }

    private static Condition.ValueTest compare(String bound, String where, java.util.function.IntPredicate wanted) {
        Optional<BigDecimal> number = number(bound);
        if (number.isPresent()) {
            return (v, f) -> v != null && number(v).filter(n -> wanted.test(n.compareTo(number.get()))).isPresent();
        }
        LeadFilter.time(bound, Instant.EPOCH, where);
        return (v, f) -> {
            if (v == null) {
                return false;
            }
            try {
                return wanted.test(LeadFilter.time(v, f.now(), where).compareTo(LeadFilter.time(bound, f.now(), where)));
            } catch (ValidationException notATime) {
                return false;
            }
        };
    }

    private static Condition.ValueTest postcode(List<String> values, String where) {
        List<java.util.function.Predicate<String>> parts = values.stream().map(v -> {
            String spec = normalPostcode(v);
            int dash = spec.indexOf('-');
            if (dash > 0) {
                String low = spec.substring(0, dash);
                String high = spec.substring(dash + 1);
                if (high.isEmpty() || low.compareTo(high) > 0 && !(digits(low) && digits(high))) {
                    throw new ValidationException(where, "'" + v + "' is not a range like 10000-19999");
                }
                if (digits(low) && digits(high)) {
                    long lo = Long.parseLong(low);
                    long hi = Long.parseLong(high);
                    if (lo > hi) {
                        throw new ValidationException(where, "'" + v + "' starts after it ends");
                    }
                    return (java.util.function.Predicate<String>) code -> digits(code) && Long.parseLong(code) >= lo
                            && Long.parseLong(code) <= hi;
                }
                return (java.util.function.Predicate<String>) code -> code.compareTo(low) >= 0 && code.compareTo(high) <= 0;
            }
            String prefix = spec.endsWith("*") ? spec.substring(0, spec.length() - 1) : spec;
            return (java.util.function.Predicate<String>) code -> code.startsWith(prefix);
        }).toList();
        return (v, f) -> v != null && parts.stream().anyMatch(p -> p.test(normalPostcode(v)));
    }

    private static String normalPostcode(String text) {
        return text.strip().toUpperCase(Locale.ROOT).replace(" ", "");
    }

    private static boolean digits(String text) {
        return !text.isEmpty() && text.length() < 18 && text.chars().allMatch(Character::isDigit);
    }

    private static Optional<BigDecimal> number(String text) {
        try {
            return Optional.of(new BigDecimal(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Pattern regex(String text, String where) {
        try {
            return Pattern.compile(text, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw new ValidationException(where, "'" + text + "' is not a regular expression: " + e.getDescription());
        }
    }

    private static Op op(String label, String where) {
        try {
            return Op.valueOf(label.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ValidationException(where, "unknown operator '" + label + "'; use one of "
                    + Arrays.stream(Op.values()).map(Op::label).collect(Collectors.joining(", ")));
        }
    }

    private static void checkField(String field, String where) {
        if (field == null || field.isBlank()) {
            throw new ValidationException(where, "names no field");
        }
        boolean known = LeadField.byName(field).isPresent() || field.equals("score")
                || field.matches("(custom|enrichment)\\.[A-Za-z0-9_ .-]{1,100}");
        if (!known) {
            throw new ValidationException(where, "unknown field '" + field + "'; use a lead field ("
                    + Arrays.stream(LeadField.values()).map(LeadField::jsonName).collect(Collectors.joining(", "))
                    + "), score, custom.<name> or enrichment.<name>");
        }
    }

    private static Map<String, String> countries() {
        Map<String, String> byName = new HashMap<>();
        for (String code : Locale.getISOCountries()) {
            Locale locale = new Locale("", code);
            byName.put(code.toLowerCase(Locale.ROOT), code);
            byName.put(locale.getISO3Country().toLowerCase(Locale.ROOT), code);
            byName.put(locale.getDisplayCountry(Locale.ENGLISH).toLowerCase(Locale.ROOT), code);
        }
        Map.of("uk", "GB", "great britain", "GB", "england", "GB", "scotland", "GB", "wales", "GB",
                "united states of america", "US", "america", "US", "holland", "NL", "czech republic", "CZ", "south korea", "KR")
                .forEach(byName::put);
        return Map.copyOf(byName);
    }
}
