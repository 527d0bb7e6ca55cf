package dev.leadline.core.enrichment;

import dev.leadline.core.lead.LeadId;
import dev.leadline.plugin.ActivitySummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Where enrichment results live, and which leads wait for them. */
public interface EnrichmentStore {
    /** Leads never enriched, oldest first; then those enriched before {@code staleBefore}. */
    List<LeadId> pending(int limit, Instant staleBefore);

    ActivitySummary activity(LeadId lead);

    /** The provenance of the lead's enriched fields, by field. */
    Map<String, Provenance> provenance(LeadId lead);

    /**
     * Stores one run's outcome in one transaction: the lead's merged enrichment values and score,
     * the provenance of changed fields, each provider's score, the failures, and that the lead was
     * enriched at {@code at}.
     */
    void save(LeadId lead, Map<String, String> values, List<Provenance> changed, Integer score, List<ProviderScore> scores,
              List<ProviderFailure> failures, Instant at);

    LeadInsight insight(LeadId lead);

    /** Decided leads, newest first: converted (won) and disqualified (lost). */
    List<dev.leadline.core.lead.Lead> decided(int max);
}
