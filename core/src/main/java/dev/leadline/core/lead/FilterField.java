package dev.leadline.core.lead;

import dev.leadline.core.common.ValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A lead field that list filters and sorts can name: every standard field by its JSON name, the
 * lifecycle fields ({@code status}, {@code owner}, {@code queue}, {@code score} and the times), and
 * custom fields as {@code custom.<name>}.
 */
public record FilterField(String name, Kind kind, Optional<LeadField> standard) {
    /** What a field holds, which decides the operators and values it takes. */
    public enum Kind { TEXT, NUMBER, TIME, STATUS, REP, QUEUE }

    public static final String CUSTOM_PREFIX = "custom.";

    private static final Map<String, FilterField> BUILT_IN = Stream.concat(
            Arrays.stream(LeadField.values()).map(f -> new FilterField(f.jsonName(),
                    f == LeadField.EMPLOYEE_COUNT ? Kind.NUMBER : Kind.TEXT, Optional.of(f))),
            Stream.of(lifecycle("status", Kind.STATUS), lifecycle("owner", Kind.REP), lifecycle("queue", Kind.QUEUE),
                    lifecycle("score", Kind.NUMBER), lifecycle("createdAt", Kind.TIME), lifecycle("updatedAt", Kind.TIME),
                    lifecycle("lastActivityAt", Kind.TIME), lifecycle("offeredAt", Kind.TIME), lifecycle("claimedAt", Kind.TIME),
                    lifecycle("firstTouchedAt", Kind.TIME), lifecycle("assignedAt", Kind.TIME)))
            .collect(Collectors.toUnmodifiableMap(FilterField::name, Function.identity()));

    private static FilterField lifecycle(String name, Kind kind) {
        return new FilterField(name, kind, Optional.empty());
    }

    public static FilterField parse(String name, String where) {
        if (name == null || name.isBlank()) {
            throw new ValidationException(where, "names no field");
        }
        FilterField known = BUILT_IN.get(name.strip());
        if (known != null) {
            return known;
        }
        if (name.startsWith(CUSTOM_PREFIX) && name.length() > CUSTOM_PREFIX.length()
                && name.substring(CUSTOM_PREFIX.length()).matches("[A-Za-z0-9_ .-]{1,100}")) {
            return new FilterField(name, Kind.TEXT, Optional.empty());
        }
        throw new ValidationException(where, "unknown field '" + name + "'; use one of "
                + BUILT_IN.keySet().stream().sorted().collect(Collectors.joining(", ")) + ", or custom.<name>");
    }

    public boolean isCustom() {
        return name.startsWith(CUSTOM_PREFIX);
    }

    public String customName() {
        return name.substring(CUSTOM_PREFIX.length());
    }

    String describe() {
        return name + " (" + kind.name().toLowerCase(Locale.ROOT) + ")";
    }
}
