package dev.leadline.core.enrichment;

import java.util.List;

/**
 * What enrichment and scoring know about one lead: each enriched field's provenance, each provider's
 * score with its reasons, the combined score, and recent provider failures.
 */
public record LeadInsight(List<Provenance> fields, Integer score, List<ProviderScore> scores, List<ProviderFailure> failures) {
    public LeadInsight {
        fields = List.copyOf(fields);
        scores = List.copyOf(scores);
        failures = List.copyOf(failures);
    }
}
