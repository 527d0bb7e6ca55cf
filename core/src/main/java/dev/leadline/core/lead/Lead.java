package dev.leadline.core.lead;

import java.time.Instant;
import java.util.Map;

/**
 * A person who may buy, as the desk knows them: what sources told us ({@link #data()}), where the
 * lead stands, who owns it, and its optimistic version.
 */
public record Lead(
        LeadId id,
        LeadData data,
        LeadStatus status,
        Long ownerRepId,
        Long queueId,
        Integer score,
        Map<String, String> enrichment,
        Instant createdAt,
        Instant updatedAt,
        int version) {

    public Lead {
        enrichment = Map.copyOf(enrichment);
    }
}
