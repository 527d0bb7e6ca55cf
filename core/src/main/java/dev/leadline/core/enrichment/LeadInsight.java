package dev.leadline.core.enrichment;

import java.util.List;

/**
 * What enrichment and scoring know about one lead: each enriched field's provenance, each provider's
 * score with its reasons, the combined score, recent provider failures, and the lead's own fields
 * whose values a plugin wrote there ({@code written}).
 */
public record LeadInsight(List<Provenance> fields, Integer score, List<ProviderScore> scores, List<ProviderFailure> failures,
                          List<FieldWrite> written) {
    public LeadInsight {
        fields = List.copyOf(fields);
        scores = List.copyOf(scores);
        failures = List.copyOf(failures);
        written = List.copyOf(written);
    }

    public LeadInsight(List<Provenance> fields, Integer score, List<ProviderScore> scores, List<ProviderFailure> failures) {
        this(fields, score, scores, failures, List.of());
    }

    public LeadInsight withWritten(List<FieldWrite> writes) {
        return new LeadInsight(fields, score, scores, failures, writes);
    }
}
