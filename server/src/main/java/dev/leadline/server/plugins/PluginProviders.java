package dev.leadline.server.plugins;

import dev.leadline.core.enrichment.ProviderCalls;
import dev.leadline.plugin.ActivitySummary;
import dev.leadline.plugin.Enrichment;
import dev.leadline.plugin.EnrichmentProvider;
import dev.leadline.plugin.LeadSnapshot;
import dev.leadline.plugin.Score;
import dev.leadline.plugin.ScoringProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The providers of the started plugins, as one set at a time (the host replaces it after every
 * change), each called through its plugin's {@link Isolation}.
 */
final class PluginProviders implements ProviderCalls {
    /** A provider with what it is called with. */
    record Bound<T>(String pluginId, T provider, PluginContext context, Isolation isolation) {}

    private final List<Bound<EnrichmentProvider>> enrichers;
    private final List<Bound<ScoringProvider>> scorers;

    PluginProviders(List<Bound<EnrichmentProvider>> enrichers, List<Bound<ScoringProvider>> scorers) {
        this.enrichers = List.copyOf(enrichers);
        this.scorers = List.copyOf(scorers);
    }

    /** Whether any enrichment or scoring provider is on. */
    boolean any() {
        return !enrichers.isEmpty() || !scorers.isEmpty();
    }

    static PluginProviders none() {
        return new PluginProviders(List.of(), List.of());
    }

    @Override
    public List<Called<Enrichment>> enrich(LeadSnapshot lead) {
        List<Called<Enrichment>> results = new ArrayList<>();
        for (Bound<EnrichmentProvider> bound : enrichers) {
            String id = safeId(bound);
            if (needed(bound.provider(), lead)) {
                results.add(bound.isolation().call(id, () -> bound.provider().enrich(lead, bound.context())));
            }
        }
        return results;
    }

    @Override
    public List<Called<Score>> score(LeadSnapshot lead, ActivitySummary activity) {
        List<Called<Score>> results = new ArrayList<>();
        for (Bound<ScoringProvider> bound : scorers) {
            results.add(bound.isolation().call(safeId(bound), () -> bound.provider().score(lead, activity, bound.context())));
        }
        return results;
    }

    /** Whether the lead has a field the provider needs; a provider that cannot say is asked anyway (in isolation). */
    private static boolean needed(EnrichmentProvider provider, LeadSnapshot lead) {
        try {
            return provider.needs().stream().anyMatch(f -> lead.get(f).isPresent());
        } catch (RuntimeException e) {
            return true;
        }
    }

    private static String safeId(Bound<?> bound) {
        try {
            return bound.provider() instanceof EnrichmentProvider e ? e.id() : ((ScoringProvider) bound.provider()).id();
        } catch (RuntimeException e) {
            return bound.provider().getClass().getSimpleName();
        }
    }

    /** The plugin's providers as {@code enrichment:<id>} and {@code scoring:<id>}. */
    /** What each of the plugin's scoring providers says about its state, by provider; a failure is shown as the error. */
    Map<String, Object> stateOf(String pluginId) {
        Map<String, Object> states = new java.util.LinkedHashMap<>();
        for (Bound<ScoringProvider> bound : scorers) {
            if (bound.pluginId().equals(pluginId)) {
                Called<Map<String, Object>> state = bound.isolation().call(safeId(bound), () -> bound.provider().state(bound.context()));
                states.put(safeId(bound), state.failure() == null ? state.value() : Map.of("error", state.failure()));
            }
        }
        return states;
    }

    List<String> namesOf(String pluginId) {
        List<String> names = new ArrayList<>();
        enrichers.stream().filter(b -> b.pluginId().equals(pluginId)).forEach(b -> names.add("enrichment:" + safeId(b)));
        scorers.stream().filter(b -> b.pluginId().equals(pluginId)).forEach(b -> names.add("scoring:" + safeId(b)));
        return names;
    }
}
