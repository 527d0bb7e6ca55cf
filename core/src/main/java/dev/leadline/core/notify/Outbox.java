package dev.leadline.core.notify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The notification outbox and the references of delivered cards. Each notification is kept as one
 * delivery per platform, with its own attempts, state and lease.
 */
public interface Outbox {
    /** Adds notifications, one delivery per platform; runs in the caller's transaction so they exist exactly when the change does. */
    void enqueue(List<Notification> notifications, Instant at);

    /**
     * Takes up to {@code limit} due deliveries for this node, longest due first (then oldest),
     * leasing them until {@code leaseUntil} so that no other node delivers them meanwhile.
     */
    List<Pending> lease(Instant now, Instant leaseUntil, int limit);

    /** Notes that a post is about to be sent: if its answer is never stored, the next attempt looks for it first. */
    void posting(long id, Instant since);

    /** Marks deliveries delivered (none: nothing to do), counting the attempt that delivered each. */
    void delivered(List<Long> ids, Instant at);

    /** Not delivered: counts the attempt and tries again at {@code next}. */
    void retryAt(long id, Instant next, String reason);

    /** The post may have gone out: counts the attempt and, at {@code next}, looks for it before posting again. */
    void unknownOutcome(long id, Instant next, String reason);

    /** Moves the delivery later without counting an attempt (a rate limit, not a failure). */
    void postpone(long id, Instant next);

    void failed(long id, String reason, Instant at);

    /** Nothing to deliver on this platform (the destination has no address there). */
    void skipped(long id, String reason, Instant at);

    void rememberRef(MessageRef ref, Instant at);

    Optional<MessageRef> ref(String cardKey, String platform, Destination destination);

    List<MessageRef> refs(String cardKey, String platform);
}
