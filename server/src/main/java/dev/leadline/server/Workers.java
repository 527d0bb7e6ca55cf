package dev.leadline.server;

import dev.leadline.core.common.Wakeup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background worker threads that take work in batches: each runs {@code round} (which does one batch and
 * says how many it took) again at once while batches come back full, waking another worker to share the
 * backlog, and otherwise waits to be woken ({@code added}). The first worker also looks every {@code look}
 * (work other nodes committed, retries); the others wait {@value #IDLE_LOOKS} looks unless woken. Closing lets
 * the batches in hand finish, for at most {@link Drain#LOOP}.
 */
public final class Workers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Workers.class);
    /** How many of the first worker's looks the others wait, unless woken. */
    static final int IDLE_LOOKS = 20;
    private final List<Thread> threads = new ArrayList<>();
    private final Wakeup added;
    private volatile boolean stopping;

    /**
     * @param name  the threads' name prefix and what a failed round is logged as
     * @param full  the batch size: a round that took this many goes again at once
     */
    public Workers(String name, int count, IntSupplier round, int full, Wakeup added, Duration look) {
        this.added = added;
        for (int i = 0; i < count; i++) {
            Duration mine = i == 0 ? look : look.multipliedBy(IDLE_LOOKS);
            Thread thread = new Thread(() -> work(name, round, full, mine), "leadline-" + name + "-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    private void work(String name, IntSupplier round, int full, Duration look) {
        while (!stopping) {
            try {
                while (!stopping && round.getAsInt() == full) {
                    // a full batch: keep going, with another worker, until the backlog is drained
                    added.wake();
                }
            } catch (RuntimeException e) {
                log.warn("{} failed; retrying shortly: {}", name, e.getMessage());
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
