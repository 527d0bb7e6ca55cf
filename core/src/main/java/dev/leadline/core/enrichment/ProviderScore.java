package dev.leadline.core.enrichment;

import dev.leadline.plugin.ScoreReason;
import java.time.Instant;
import java.util.List;

/** One provider's score of a lead, the weight it counts with, and its reasons. */
public record ProviderScore(String provider, int score, double weight, List<ScoreReason> reasons, Instant at) {
    public ProviderScore {
        reasons = List.copyOf(reasons);
    }
}
