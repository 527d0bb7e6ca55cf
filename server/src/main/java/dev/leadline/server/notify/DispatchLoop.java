package dev.leadline.server.notify;

import dev.leadline.core.common.Wakeup;
import dev.leadline.core.notify.OutboxDispatcher;
import dev.leadline.server.Workers;
import java.time.Duration;

/**
 * Runs the outbox dispatcher on {@value #WORKERS} background threads of this node: at once when this
 * node commits deliveries ({@code added}), and (the first worker) every {@code look} for those other
 * nodes committed, retries and deliveries held by a platform's pace; a worker that finds a full batch
 * wakes another. Each worker leases its own few deliveries (leases
 * keep any two workers or nodes from taking the same one), so one slow chat API call holds up no more
 * than its own batch. Closing lets the batches in hand finish.
 */
public final class DispatchLoop implements AutoCloseable {
    /** Deliveries a worker leases at a time: few, so that a burst is spread over the workers. */
    private static final int BATCH = 5;
    public static final int WORKERS = 8;
    /** How often the loop looks for due deliveries without being woken. */
    public static final Duration LOOK = Duration.ofMillis(500);
    private final Workers workers;

    public DispatchLoop(OutboxDispatcher dispatcher, Wakeup added, Duration look) {
        // a worker that only waits (for a platform's rate limit, or a retry) waits for the next round
        workers = new Workers("outbox", WORKERS, () -> dispatcher.dispatchDue(BATCH), BATCH, added, look);
    }

    @Override
    public void close() {
        workers.close();
    }
}
