package dev.leadline.core.routing;

import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A lead as routing criteria see it, by field name: its own fields by JSON name, custom fields as
 * {@code custom.<name>}, enriched values as {@code enrichment.<name>}, and {@code score}; with the
 * moment of the decision, for relative times; and the stored lead they are about ({@code lead}, null
 * for a dry run), so what was found about it when it arrived (its account) can be looked up.
 */
public record RoutingFacts(Map<String, String> values, Instant now, LeadId lead) {
    public static final String ENRICHMENT_PREFIX = "enrichment.";

    public RoutingFacts {
        values = Map.copyOf(values);
    }

    public RoutingFacts(Map<String, String> values, Instant now) {
        this(values, now, null);
    }

    public static RoutingFacts of(Lead lead, Instant now) {
        RoutingFacts facts = of(lead.data(), lead.enrichment(), lead.score(), now);
        return new RoutingFacts(facts.values(), now, lead.id());
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
