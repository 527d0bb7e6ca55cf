package dev.leadline.plugin;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A lead as providers see it: its id and its fields by name ({@code email}, {@code firstName},
 * {@code lastName}, {@code company}, {@code title}, {@code phone}, {@code website}, {@code domain},
 * {@code country}, {@code state}, {@code city}, {@code industry}, {@code employeeCount},
 * {@code source}, {@code campaign}, and {@code custom.<name>} for custom fields), plus the values
 * enrichment has already found ({@code enrichment}, by the same names).
 *
 * @param id          the lead's id, e.g. {@code L-1042}
 * @param fields      what people and sources gave; absent fields are not in the map
 * @param enrichment  what providers found so far
 * @param createdAt   when the lead arrived
 */
public record LeadSnapshot(String id, Map<String, String> fields, Map<String, String> enrichment, Instant createdAt) {
    public LeadSnapshot {
        fields = Map.copyOf(fields);
        enrichment = Map.copyOf(enrichment);
    }

    /** A field as given, else as enriched; empty when neither has a non-blank value. */
    public Optional<String> get(String field) {
        String given = fields.get(field);
        if (given != null && !given.isBlank()) {
            return Optional.of(given);
        }
        return Optional.ofNullable(enrichment.get(field)).filter(v -> !v.isBlank());
    }
}
