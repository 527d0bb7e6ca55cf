package dev.leadline.server.routing;

import dev.leadline.core.routing.RoutingService;
import dev.leadline.core.routing.RoutingSignal;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes waiting leads on a background thread of this node: woken by intake as each lead commits,
 * and every quarter second for leads whose wait for enrichment has ended. Leads wait in the database,
 * so none is forgotten across a restart, and each is routed once however many nodes run this.
 */
public final class RoutingLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RoutingLoop.class);
    private static final int BATCH = 100;
    private static final Duration IDLE = Duration.ofMillis(250);
    private final Thread thread;

    public RoutingLoop(RoutingService routing, RoutingSignal signal) {
        thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    if (routing.routePending(BATCH) < BATCH) {
                        signal.await(IDLE);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    log.warn("routing failed; retrying shortly: {}", e.getMessage());
                    sleep();
                }
            }
        }, "leadline-routing");
        thread.setDaemon(true);
        thread.start();
    }

    private static void sleep() {
        try {
            Thread.sleep(IDLE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
