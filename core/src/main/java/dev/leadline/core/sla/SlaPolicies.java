package dev.leadline.core.sla;

import java.util.Optional;

/** The SLA policy of each queue. */
public interface SlaPolicies {
    Optional<SlaPolicy> forQueue(long queueId);

    /** Sets (or with an empty policy, removes) the queue's policy. */
    void set(long queueId, Optional<SlaPolicy> policy);
}
