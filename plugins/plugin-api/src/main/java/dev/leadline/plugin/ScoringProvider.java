package dev.leadline.plugin;

import org.pf4j.ExtensionPoint;

/**
 * Scores leads from 0 to 100 with reasons. Called after enrichment for every new lead (and again
 * when enrichment arrives later), with the same time limit and isolation as enrichment. Scores from
 * several providers are combined by configured weights (equal by default).
 */
public interface ScoringProvider extends ExtensionPoint {
    /** A stable id, unique among providers, e.g. {@code rules} or {@code bayes}. */
    String id();

    /**
     * Scores the lead from its fields, its enrichment and what has happened with it.
     *
     * @throws Exception any failure; the lead keeps the other providers' scores
     */
    Score score(LeadSnapshot lead, ActivitySummary activity, ProviderContext context) throws Exception;

    /**
     * What an administrator should see about the provider's state, e.g. what a model learned from and
     * how well it predicts; shown by {@code GET /api/v1/plugins/{id}}. Values are text, numbers,
     * booleans, lists and maps of those. Empty by default.
     *
     * @throws Exception any failure; the state is then shown as unavailable
     */
    default java.util.Map<String, Object> state(ProviderContext context) throws Exception {
        return java.util.Map.of();
    }
}
