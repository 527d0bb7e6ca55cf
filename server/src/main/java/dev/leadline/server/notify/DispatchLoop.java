package dev.leadline.server.notify;

import dev.leadline.core.common.Wakeup;
import dev.leadline.core.notify.OutboxDispatcher;
import dev.leadline.server.Drain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the outbox dispatcher on {@value #WORKERS} background threads of this node: at once when this
 * node commits deliveries ({@code added}), and (the first worker) every {@code look} for those other
 * nodes committed, retries and deliveries held by a platform's pace; a worker that finds a full batch
 * wakes another. Each worker leases its own few deliveries (leases
 * keep any two workers or nodes from taking the same one), so one slow chat API call holds up no more
 * than its own batch. Closing lets the batches in hand finish.
 */
public final class DispatchLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DispatchLoop.class);
    /** Deliveries a worker leases at a time: few, so that a burst is spread over the workers. */
    private static final int BATCH = 5;
    public static final int WORKERS = 8;
    /** How many of the first worker's looks the others wait, unless woken. */
    private static final int IDLE_LOOKS = 20;
    /** How often the loop looks for due deliveries without being woken. */
    public static final Duration LOOK = Duration.ofMillis(500);
    private final List<Thread> threads = new ArrayList<>();
    private final Wakeup added;
    private volatile boolean stopping;

    public DispatchLoop(OutboxDispatcher dispatcher, Wakeup added, Duration look) {
        this.added = added;
        for (int i = 0; i < WORKERS; i++) {
            // one worker looks every so often; the others wait for wake-ups, so idle looks cost no more than with one
            Duration mine = i == 0 ? look : look.multipliedBy(IDLE_LOOKS);
            Thread thread = new Thread(() -> work(dispatcher, mine), "leadline-outbox-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    private void work(OutboxDispatcher dispatcher, Duration look) {
        while (!stopping) {
            try {
                while (dispatcher.dispatchDue(BATCH) == BATCH && !stopping) {
                    // a full batch settled: keep going, with another worker, until the backlog is drained; one
                    // that only waits (for a platform's rate limit, or a retry) waits for the next round
                    added.wake();
                }
            } catch (RuntimeException e) {
                log.warn("outbox dispatch failed; retrying shortly: {}", e.getMessage());
            }
            try {
                added.await(look);
            } catch (InterruptedException e) {
                return;
            }
            if (stopping) {
                // a wake-up frees one waiting worker: pass it on, so that closing does not wait out the others' looks
                added.wake();
            }
        }
    }

    @Override
    public void close() {
        stopping = true;
        long deadline = System.nanoTime() + Drain.LOOP.toNanos();
        for (Thread thread : threads) {
            added.wake();
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread.interrupt();
        }
    }
}
