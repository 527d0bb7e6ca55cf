package dev.leadline.core.notify;

import java.time.Instant;
import java.util.Optional;

/**
 * When a platform may be sent the next request of one kind ({@code post}, {@code update},
 * {@code lookup}) for one destination: its Retry-After answers and its pace for new messages, shared
 * by every node.
 */
public interface ChatPace {
    /** Empty when a request may go now. */
    Optional<Instant> notBefore(String platform, String method, Destination destination, Instant now);

    /** No such request before {@code until} (a later hold already in place stays). */
    void hold(String platform, String method, Destination destination, Instant until);
}
