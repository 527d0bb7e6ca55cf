package dev.leadline.server.notify;

import dev.leadline.core.notify.OutboxDispatcher;
import dev.leadline.server.Drain;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the outbox dispatcher twice a second on a background thread of this node; closing lets the batch in hand finish. */
public final class DispatchLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DispatchLoop.class);
    private static final int BATCH = 25;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "leadline-outbox");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;

    public DispatchLoop(OutboxDispatcher dispatcher) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                while (dispatcher.dispatchDue(BATCH) == BATCH && !stopping) {
                    // a full batch settled: keep going until the backlog is drained; one that only waits
                    // (for a platform's rate limit, or a retry) waits for the next round
                }
            } catch (RuntimeException e) {
                log.warn("outbox dispatch failed; retrying shortly: {}", e.getMessage());
            }
        }, 500, 500, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        stopping = true;
        Drain.executor(executor, Drain.LOOP, "outbox dispatch");
    }
}
