package dev.leadline.core.views;

import java.util.List;
import java.util.Optional;

/**
 * A custom view as a person writes it, before checking: owner by rep id or email (empty = shared),
 * base view label, filters with raw values (reps by id or email, queues by name), sort like
 * {@code -updatedAt}.
 */
public record ViewDefinition(Optional<String> owner, Optional<String> base, List<Condition> filters, Optional<String> sort) {

    public ViewDefinition {
        filters = filters == null ? List.of() : List.copyOf(filters);
    }

    /** One condition as written. */
    public record Condition(String field, String op, List<String> values) {
        public Condition {
            values = values == null ? List.of() : List.copyOf(values);
        }
    }
}
