package dev.leadline.server.plugins;

import dev.leadline.core.enrichment.EnrichmentService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enriches and scores waiting leads on a background thread of this node, twice a second until none
 * wait. Leads wait in the database ({@code enriched_at} empty), so none is forgotten across a restart.
 */
public final class EnrichmentLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EnrichmentLoop.class);
    private static final int BATCH = 50;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "leadline-enrichment");
        thread.setDaemon(true);
        return thread;
    });

    public EnrichmentLoop(EnrichmentService enrichment) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                while (enrichment.processPending(BATCH) == BATCH) {
                    // a full batch: keep going until the backlog is drained
                }
            } catch (RuntimeException e) {
                log.warn("enrichment failed; retrying shortly: {}", e.getMessage());
            }
        }, 500, 500, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
