package dev.leadline.server;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How background work stops at shutdown: nothing new starts, what runs may finish within a bound, then it is interrupted. */
public final class Drain {
    /** How long a background loop may take to finish the batch in hand. */
    public static final Duration LOOP = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(Drain.class);

    private Drain() {}

    /** Stops {@code executor} (periodic tasks are not run again) and waits up to {@code most} for the task in hand. */
    public static void executor(ExecutorService executor, Duration most, String what) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(most.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} did not finish within {} s of shutdown; interrupting it", what, most.toSeconds());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
