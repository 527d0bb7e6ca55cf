package dev.leadline.server.plugins;

import dev.leadline.core.enrichment.Arrivals;
import dev.leadline.core.enrichment.EnrichmentService;
import dev.leadline.core.lead.LeadId;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enriches and scores leads on a background thread of this node. A lead that arrives here is taken
 * at once ({@link Arrivals}), so that it is routed as soon as its providers have answered. Besides,
 * every {@code look} the loop takes a batch of {@value #BATCH} waiting leads from the database (another
 * node's, an import's, those due again), so a large import's backlog drains at up to 200 leads a second
 * at the default quarter second, without taking the cores from the import itself. Leads wait in the
 * database ({@code enriched_at} empty), so none is forgotten across a restart. Closing lets the batch
 * in hand finish.
 */
public final class EnrichmentLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EnrichmentLoop.class);
    private static final int BATCH = 50;
    /** How often the loop looks for waiting leads in the database. */
    public static final Duration LOOK = Duration.ofMillis(250);
    /** How often a loop that looks seldom checks whether it should stop. */
    private static final Duration STOP_CHECK = Duration.ofMillis(250);
    private final Thread thread;
    private volatile boolean stopping;

    /** {@code enriched} runs after each round that enriched leads (routing waits for them). */
    public EnrichmentLoop(EnrichmentService enrichment, Arrivals arrivals, Runnable enriched, Duration look) {
        thread = new Thread(() -> {
            long nextLook = System.nanoTime() + look.toNanos();
            while (!stopping) {
                try {
                    List<LeadId> arrived = arrivals.take(BATCH,
                            Duration.ofNanos(Math.max(0, Math.min(nextLook - System.nanoTime(), STOP_CHECK.toNanos()))));
                    int done = arrived.isEmpty() ? 0 : enrichment.processArrived(arrived);
                    if (System.nanoTime() - nextLook >= 0) {
                        done += enrichment.processPending(BATCH);
                        nextLook = System.nanoTime() + look.toNanos();
                    }
                    if (done > 0) {
                        enriched.run();
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log.warn("enrichment failed; retrying shortly: {}", e.getMessage());
                    nextLook = System.nanoTime() + look.toNanos();
                }
            }
        }, "leadline-enrichment");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        stopping = true;
        try {
            thread.join(dev.leadline.server.Drain.LOOP.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
    }
}
