package dev.leadline.core.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers due notifications through every configured notifier. At least once: a notification is
 * marked delivered only after every platform took it; a POST already delivered to a platform is
 * turned into an edit of that copy, and an edit older than one already applied is skipped, so
 * re-deliveries after a crash neither duplicate nor roll back a card.
 */
public final class OutboxDispatcher {
    /**
     * How long a node holds the notifications it took. Short, so that those held by a node that died
     * go out again within seconds; a batch stops early rather than deliver past its lease.
     */
    static final Duration LEASE = Duration.ofSeconds(15);
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(5);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    static final int MAX_ATTEMPTS = 20;
    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final Outbox outbox;
    private final List<Notifier> notifiers;
    private final Clock clock;
    private final Map<String, Instant> lastSent = new ConcurrentHashMap<>();

    public OutboxDispatcher(Outbox outbox, List<Notifier> notifiers, Clock clock) {
        this.outbox = outbox;
        this.notifiers = List.copyOf(notifiers);
        this.clock = clock;
    }

    /**
     * Delivers what is due now; returns how many notifications it settled (delivered, or dropped for
     * good). Those that must wait (a platform's rate limit, a retry) are not counted, so a caller that
     * goes on while whole batches settle stops when the backlog is only waiting. What it cannot deliver
     * well within its lease is left for the lease to expire, to be taken again.
     */
    public int dispatchDue(int limit) {
        Instant now = clock.instant();
        Instant stopBy = now.plus(LEASE).minus(LEASE_MARGIN);
        List<Notification> due = outbox.lease(now, now.plus(LEASE), limit);
        int handled = 0;
        int settled = 0;
        List<Long> delivered = new ArrayList<>(due.size());
        try {
            for (Notification notification : due) {
                if (clock.instant().isAfter(stopBy)) {
                    log.info("outbox batch ran long; {} notifications wait for their lease to expire", due.size() - handled);
                    break;
                }
                Outcome outcome = deliver(notification);
                if (outcome == Outcome.DELIVERED) {
                    delivered.add(notification.id());
                }
                if (outcome != Outcome.WAITS) {
                    settled++;
                }
                handled++;
            }
        } finally {
            // marked together: one that went out but is not marked yet goes again after a crash, as an
            // edit of the copy already posted (its reference is remembered as soon as it is out)
            outbox.delivered(delivered, clock.instant());
        }
        return settled;
    }

    private enum Outcome { DELIVERED, DROPPED, WAITS }

    private Outcome deliver(Notification n) {
        Duration retry = null;
        String retryReason = null;
        for (Notifier notifier : notifiers) {
            Optional<MessageRef> posted = n.kind() == Notification.Kind.POST
                    ? outbox.ref(n.cardKey(), notifier.platform(), n.destination()) : Optional.empty();
            if (n.kind() == Notification.Kind.POST && posted.isEmpty()) {
                Optional<Duration> wait = wait(notifier, n.destination());
                if (wait.isPresent()) {
                    outbox.postpone(n.id(), clock.instant().plus(wait.get()));
                    return Outcome.WAITS;
                }
            }
            Notifier.Delivery result;
            try {
                result = n.kind() == Notification.Kind.POST ? post(notifier, n, posted) : update(notifier, n);
            } catch (RuntimeException e) {
                result = new Notifier.Delivery.RetryLater(Duration.ZERO, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            if (result instanceof Notifier.Delivery.Failed failed) {
                log.warn("notification {} for lead {} dropped by {}: {}", n.id(), n.leadId(), notifier.platform(), failed.reason());
                outbox.failed(n.id(), notifier.platform() + ": " + failed.reason(), clock.instant());
                return Outcome.DROPPED;
            }
            if (result instanceof Notifier.Delivery.RetryLater later) {
                retry = retry == null || later.after().compareTo(retry) > 0 ? later.after() : retry;
                retryReason = notifier.platform() + ": " + later.reason();
            }
        }
        if (retry == null) {
            return Outcome.DELIVERED;
        }
        if (n.attempts() + 1 >= MAX_ATTEMPTS) {
            outbox.failed(n.id(), "gave up after " + MAX_ATTEMPTS + " attempts; last: " + retryReason, clock.instant());
            return Outcome.DROPPED;
        }
        Duration wait = retry.compareTo(backoff(n.attempts())) > 0 ? retry : backoff(n.attempts());
        log.info("notification {} for lead {} retries in {} s: {}", n.id(), n.leadId(), wait.toSeconds(), retryReason);
        outbox.retryAt(n.id(), clock.instant().plus(wait), retryReason);
        return Outcome.WAITS;
    }

    /**
     * Empty when the destination may get a new message now; else how long to wait. Only new posts are
     * spaced (Slack's one message per second per channel); edits of cards already out are not.
     */
    private Optional<Duration> wait(Notifier notifier, Destination destination) {
        if (notifier.minInterval().isZero()) {
            return Optional.empty();
        }
        String key = notifier.platform() + ":" + destination.type() + ":" + destination.id();
        Instant now = clock.instant();
        Instant last = lastSent.get(key);
        if (last != null && last.plus(notifier.minInterval()).isAfter(now)) {
            return Optional.of(Duration.between(now, last.plus(notifier.minInterval())));
        }
        lastSent.put(key, now);
        return Optional.empty();
    }

    private Notifier.Delivery post(Notifier notifier, Notification n, Optional<MessageRef> existing) {
        if (existing.isPresent()) {
            return update(notifier, n, existing.get());
        }
        Notifier.Delivery result = notifier.post(n.destination(), n.card());
        if (result instanceof Notifier.Delivery.Delivered delivered) {
            outbox.rememberRef(new MessageRef(n.cardKey(), notifier.platform(), n.destination(), delivered.ref(), n.id()), clock.instant());
        }
        return result;
    }

    private Notifier.Delivery update(Notifier notifier, Notification n) {
        Notifier.Delivery worst = new Notifier.Delivery.Delivered("");
        for (MessageRef ref : outbox.refs(n.cardKey(), notifier.platform())) {
            Notifier.Delivery result = update(notifier, n, ref);
            if (!(result instanceof Notifier.Delivery.Delivered)) {
                worst = result;
            }
        }
        return worst;
    }

    private Notifier.Delivery update(Notifier notifier, Notification n, MessageRef ref) {
        if (ref.lastOutboxId() > n.id()) {
            return new Notifier.Delivery.Delivered(ref.ref());
        }
        Notifier.Delivery result = notifier.update(ref, n.card());
        if (result instanceof Notifier.Delivery.Delivered delivered) {
            outbox.rememberRef(new MessageRef(ref.cardKey(), ref.platform(), ref.destination(),
                    delivered.ref().isEmpty() ? ref.ref() : delivered.ref(), n.id()), clock.instant());
        }
        return result;
    }

    static Duration backoff(int attempts) {
        long seconds = Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(attempts, 20));
        long jitterMillis = ThreadLocalRandom.current().nextLong(0, 1000);
        return Duration.ofSeconds(seconds).plusMillis(jitterMillis);
    }
}
