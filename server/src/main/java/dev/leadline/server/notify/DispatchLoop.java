package dev.leadline.server.notify;

import dev.leadline.core.common.Wakeup;
import dev.leadline.core.notify.OutboxDispatcher;
import dev.leadline.server.Drain;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the outbox dispatcher on a background thread of this node: at once when this node commits
 * deliveries ({@code added}), and every {@code look} for those other nodes committed, retries and
 * deliveries held by a platform's pace. Closing lets the batch in hand finish.
 */
public final class DispatchLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DispatchLoop.class);
    private static final int BATCH = 25;
    /** How often the loop looks for due deliveries without being woken. */
    public static final Duration LOOK = Duration.ofMillis(500);
    private final Thread thread;
    private final Wakeup added;
    private volatile boolean stopping;

    public DispatchLoop(OutboxDispatcher dispatcher, Wakeup added, Duration look) {
        this.added = added;
        thread = new Thread(() -> {
            while (!stopping) {
                try {
                    while (dispatcher.dispatchDue(BATCH) == BATCH && !stopping) {
                        // a full batch settled: keep going until the backlog is drained; one that only waits
                        // (for a platform's rate limit, or a retry) waits for the next round
                    }
                } catch (RuntimeException e) {
                    log.warn("outbox dispatch failed; retrying shortly: {}", e.getMessage());
                }
                try {
                    added.await(look);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "leadline-outbox");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        stopping = true;
        added.wake();
        try {
            thread.join(Drain.LOOP.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
    }
}
