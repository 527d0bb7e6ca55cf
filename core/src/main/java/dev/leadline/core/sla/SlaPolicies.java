package dev.leadline.core.sla;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The SLA policy of each queue. */
public interface SlaPolicies {
    Optional<SlaPolicy> forQueue(long queueId);

    /** Sets (or with an empty policy, removes) the queue's policy. */
    void set(long queueId, Optional<SlaPolicy> policy);

    /**
     * A view that looks each queue's policy up once: for one batch of changes, which would otherwise
     * read the same queue's policy for every lead in it. Not for keeping: it never sees later changes.
     */
    default SlaPolicies lookingUpOnce() {
        SlaPolicies source = this;
        Map<Long, Optional<SlaPolicy>> seen = new HashMap<>();
        return new SlaPolicies() {
            @Override
            public Optional<SlaPolicy> forQueue(long queueId) {
                return seen.computeIfAbsent(queueId, source::forQueue);
            }

            @Override
            public void set(long queueId, Optional<SlaPolicy> policy) {
                source.set(queueId, policy);
                seen.put(queueId, policy);
            }
        };
    }
}
