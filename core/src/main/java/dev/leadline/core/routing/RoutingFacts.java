package dev.leadline.core.routing;

import dev.leadline.core.lead.LeadData;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A lead as routing criteria see it, by field name: its own fields by JSON name, custom fields as
 * {@code custom.<name>}, enriched values as {@code enrichment.<name>}, and {@code score}; with the
 * moment of the decision, for relative times.
 */
public record RoutingFacts(Map<String, String> values, Instant now) {
    public static final String ENRICHMENT_PREFIX = "enrichment.";

    public RoutingFacts {
        values = Map.copyOf(values);
    }

    public static RoutingFacts of(LeadData data, Map<String, String> enrichment, Integer score, Instant now) {
        Map<String, String> values = new LinkedHashMap<>();
        data.fields().forEach((field, value) -> values.put(field.jsonName(), value));
        data.customFields().forEach((name, value) -> {
            if (value != null) {
                values.put("custom." + name, value);
            }
        });
        enrichment.forEach((name, value) -> {
            if (value != null) {
                values.put(ENRICHMENT_PREFIX + name, value);
            }
        });
        if (score != null) {
            values.put("score", score.toString());
        }
        return new RoutingFacts(values, now);
    }

    public Optional<String> get(String field) {
        return Optional.ofNullable(values.get(field)).filter(v -> !v.isBlank());
    }
}
