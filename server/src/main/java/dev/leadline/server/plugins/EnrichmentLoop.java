package dev.leadline.server.plugins;

import dev.leadline.core.enrichment.EnrichmentService;
import dev.leadline.server.Drain;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enriches and scores waiting leads on a background thread of this node: a batch of {@value #BATCH}
 * every quarter second, so a single new lead is enriched within about that, while a large import's
 * backlog drains at up to 200 leads a second without taking the cores from the import itself. Leads
 * wait in the database ({@code enriched_at} empty), so none is forgotten across a restart. Closing
 * lets the batch in hand finish.
 */
public final class EnrichmentLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EnrichmentLoop.class);
    private static final int BATCH = 50;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "leadline-enrichment");
        thread.setDaemon(true);
        return thread;
    });

    /** {@code enriched} runs after each batch that enriched leads (routing waits for them). */
    public EnrichmentLoop(EnrichmentService enrichment, Runnable enriched) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                if (enrichment.processPending(BATCH) > 0) {
                    enriched.run();
                }
            } catch (RuntimeException e) {
                log.warn("enrichment failed; retrying shortly: {}", e.getMessage());
            }
        }, 250, 250, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        Drain.executor(executor, Drain.LOOP, "enrichment");
    }
}
