package dev.leadline.core.notify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The notification outbox and the references of delivered cards. */
public interface Outbox {
    /** Adds notifications; runs in the caller's transaction so they exist exactly when the change does. */
    void enqueue(List<Notification> notifications, Instant at);

    /**
     * Takes up to {@code limit} due notifications for this node, longest due first (then oldest),
     * leasing them until {@code leaseUntil} so that no other node delivers them meanwhile.
     */
    List<Notification> lease(Instant now, Instant leaseUntil, int limit);

    /** Marks notifications delivered (none: nothing to do), counting the attempt that delivered each. */
    void delivered(List<Long> ids, Instant at);

    void retryAt(long id, Instant next, String reason);

    /** Moves the notification later without counting an attempt (a rate limit, not a failure). */
    void postpone(long id, Instant next);

    void failed(long id, String reason, Instant at);

    void rememberRef(MessageRef ref, Instant at);

    Optional<MessageRef> ref(String cardKey, String platform, Destination destination);

    List<MessageRef> refs(String cardKey, String platform);
}
