package dev.leadline.core.team;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;

/** Queues and their members. */
public interface QueueRepository {
    /** Creates the queue, or updates the one with the same name and replaces its members. */
    LeadQueue upsert(String name, String description, Set<Long> memberRepIds, Map<String, String> chatChannels, Instant at);

    /** Replaces how the queue hands out leads (strategy, member weights, caps, fallback). */
    void setRouting(long queueId, QueueRouting routing);

    Optional<LeadQueue> findByName(String name);

    Optional<LeadQueue> find(long id);

    List<LeadQueue> list();
}
