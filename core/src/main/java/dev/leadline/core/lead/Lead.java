package dev.leadline.core.lead;

import java.time.Instant;
import java.util.Map;

/**
 * A person who may buy, as the desk knows them: what sources told us ({@link #data()}), where the
 * lead stands and who has it ({@link #stage()}), and its optimistic version.
 */
public record Lead(
        LeadId id,
        LeadData data,
        LeadStage stage,
        Integer score,
        Map<String, String> enrichment,
        Instant createdAt,
        Instant updatedAt,
        int version) {

    public Lead {
        enrichment = Map.copyOf(enrichment);
    }

    public LeadStatus status() {
        return stage.status();
    }

    public Long ownerRepId() {
        return stage.ownerRepId();
    }

    public Long queueId() {
        return stage.queueId();
    }

    public Lead withStage(LeadStage newStage) {
        return new Lead(id, data, newStage, score, enrichment, createdAt, updatedAt, version);
    }
}
