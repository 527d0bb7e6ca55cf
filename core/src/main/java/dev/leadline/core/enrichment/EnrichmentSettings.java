package dev.leadline.core.enrichment;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How results combine: {@code precedence} lists provider ids (plugin/provider, or just the plugin id)
 * from most to least trusted, ahead of confidence; {@code weights} weigh providers' scores (1 when
 * not named); fields are enriched again after {@code refreshAfter}.
 */
public record EnrichmentSettings(List<String> precedence, Map<String, Double> weights, Duration refreshAfter) {
    public static final EnrichmentSettings DEFAULTS = new EnrichmentSettings(List.of(), Map.of(), Duration.ofDays(30));

    public EnrichmentSettings {
        precedence = List.copyOf(precedence);
        weights = Map.copyOf(weights);
    }

    /** Lower is more trusted; providers not listed come after all listed ones. */
    int rank(String provider) {
        for (int i = 0; i < precedence.size(); i++) {
            String p = precedence.get(i);
            if (p.equals(provider) || provider.startsWith(p + "/")) {
                return i;
            }
        }
        return precedence.size();
    }

    /** How long after its {@code failedRuns}-th failed run in a row a lead is tried again: 10 s, doubling, at most 15 minutes. */
    public static Duration retryAfter(int failedRuns) {
        return Duration.ofSeconds(Math.min(15 * 60, 10L << Math.min(failedRuns, 10)));
    }

    double weight(String provider) {
        return weights.entrySet().stream().filter(e -> e.getKey().equals(provider) || provider.startsWith(e.getKey() + "/"))
                .map(Map.Entry::getValue).findFirst().orElse(1.0);
    }
}
