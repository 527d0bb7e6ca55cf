package dev.leadline.core.enrichment;

import dev.leadline.core.lead.LeadId;
import dev.leadline.plugin.ActivitySummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Where enrichment results live, and which leads wait for them. */
public interface EnrichmentStore {
    /** Leads never enriched, oldest first; then those due again by {@code now}; then those enriched before {@code staleBefore}. */
    List<LeadId> pending(int limit, Instant now, Instant staleBefore);

    /** Those of {@code leads} never enriched yet (another thread or node may have enriched the others meanwhile). */
    List<LeadId> neverEnriched(List<LeadId> leads);

    /** Marks the leads to be enriched and scored again at {@code at} (or sooner, if already due sooner). */
    void due(List<LeadId> leads, Instant at);

    /** Marks every open lead (not converted or disqualified) to be scored again at {@code at}; returns how many. */
    int dueOpen(Instant at);

    ActivitySummary activity(LeadId lead);

    /** The provenance of the lead's enriched fields, by field. */
    Map<String, Provenance> provenance(LeadId lead);

    /**
     * Stores one run's outcome in one transaction: the lead's merged enrichment values and score,
     * the provenance of changed fields, each provider's score, the failures, and that the lead was
     * enriched at {@code at}. When a provider failed, the lead is due again after a backoff that
     * doubles with every failed run in a row ({@link EnrichmentSettings#retryAfter}); a run without
     * failures ends the series.
     */
    void save(LeadId lead, Map<String, String> values, List<Provenance> changed, Integer score, List<ProviderScore> scores,
              List<ProviderFailure> failures, Instant at);

    LeadInsight insight(LeadId lead);

    /** Decided leads, newest first: converted (won) and disqualified (lost). */
    List<dev.leadline.core.lead.Lead> decided(int max);
}
