package dev.leadline.server.integrations;

import dev.leadline.core.common.Wakeup;
import dev.leadline.core.integration.Attempt;
import dev.leadline.core.integration.Backoff;
import dev.leadline.core.integration.Delivery;
import dev.leadline.core.integration.IntegrationStore;
import dev.leadline.server.Workers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends integration deliveries on {@value #WORKERS} background threads of this node: at once when this node
 * commits new ones, and every {@code look} for other nodes' and retries. A worker leases a few deliveries at
 * a time (so no two workers or nodes send the same one), hands each to its listener by target
 * ({@code webhook:…}, {@code crm:…}) and records the attempt: delivered, tried again after the
 * {@link Backoff}, or given up after 24 h. At start the node takes back what it held when it stopped, so a
 * delivery cut off by a crash goes again, with the same event id.
 */
public final class DeliveryLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeliveryLoop.class);
    static final int WORKERS = 6;
    private static final int BATCH = 2;
    /** A batch's hold: two attempts of at most 10 s each, and room. */
    static final Duration LEASE = Duration.ofSeconds(45);
    private final IntegrationStore store;
    private final Map<String, Listener> listeners;
    private final Wakeup added;
    private final Clock clock;
    private final String node;
    private final Workers workers;
    private volatile boolean stopping;

    /** Where one kind of target's deliveries go. */
    public interface Listener {
        /** One attempt; empty to hold the delivery for a while without counting an attempt (a paused subscription). */
        Optional<Attempt> deliver(Delivery delivery);

        /** Told of the attempt once it is recorded (a webhook's health). */
        default void settled(Delivery delivery, Attempt attempt) {}
    }

    /** @param listeners by target kind: {@code webhook}, {@code crm} */
    public DeliveryLoop(IntegrationStore store, Map<String, Listener> listeners, Wakeup added, Clock clock, String node, Duration look) {
        this.store = store;
        this.listeners = Map.copyOf(listeners);
        this.added = added;
        this.clock = clock;
        this.node = node;
        int released = store.releaseLeases(node);
        if (released > 0) {
            log.info("{} integration deliveries this node was sending when it stopped go again", released);
        }
        this.workers = new Workers("integrations", WORKERS, this::sendDue, BATCH, added, look);
    }

    /** Leases and sends one batch; how many it leased. */
    int sendDue() {
        Instant now = clock.instant();
        List<Delivery> due = store.lease(node, now, now.plus(LEASE), BATCH);
        for (Delivery delivery : due) {
            if (stopping) {
                break;
            }
            send(delivery);
        }
        if (!due.isEmpty()) {
            // a settled delivery may free its lead's next one: look again at once rather than at the next look
            added.wake();
        }
        return due.size();
    }

    private void send(Delivery delivery) {
        String kind = delivery.target().substring(0, Math.max(0, delivery.target().indexOf(':')));
        Listener listener = listeners.get(kind);
        Optional<Attempt> attempt;
        if (listener == null) {
            attempt = Optional.of(new Attempt(Attempt.Outcome.RETRY, clock.instant(), null, 0, null, "nothing here sends to " + delivery.target(), null));
        } else {
            try {
                attempt = listener.deliver(delivery);
            } catch (RuntimeException e) {
                log.warn("delivery {} to {} failed: {}", delivery.id(), delivery.target(), e.toString());
                attempt = Optional.of(new Attempt(Attempt.Outcome.RETRY, clock.instant(), null, 0, null, "failed: " + e.getMessage(), null));
            }
        }
        if (attempt.isEmpty()) {
            store.settle(delivery.id(), null, clock.instant().plus(Duration.ofMinutes(1)));
            return;
        }
        Attempt made = attempt.get();
        Instant next = null;
        if (made.outcome() == Attempt.Outcome.RETRY) {
            // counted from when the attempt ended: a 10 s timeout is not part of the wait
            Optional<Instant> again = Backoff.next(delivery.attempts() + 1, delivery.createdAt(), clock.instant(), made.retryAfter());
            if (again.isPresent()) {
                next = again.get();
            } else {
                made = new Attempt(Attempt.Outcome.GIVE_UP, made.at(), made.responseCode(), made.latencyMs(), made.response(),
                        (made.error() == null ? "" : made.error() + "; ") + "given up after 24 h", null);
            }
        }
        store.settle(delivery.id(), made, next);
        if (listener != null) {
            listener.settled(delivery, made);
        }
    }

    @Override
    public void close() {
        stopping = true;
        workers.close();
    }
}
