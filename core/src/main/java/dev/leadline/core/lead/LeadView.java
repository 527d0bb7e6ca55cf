package dev.leadline.core.lead;

import dev.leadline.core.common.ValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Named list views. The foundation knows {@code all}, {@code new} and {@code mine}; the lifecycle
 * adds the intelligence views (overdue, idle, ...).
 */
public enum LeadView {
    ALL, NEW, MINE;

    public static LeadView parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("view", "unknown view '" + name + "'; known views: "
                    + Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }
}
