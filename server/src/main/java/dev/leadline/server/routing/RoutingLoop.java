package dev.leadline.server.routing;

import dev.leadline.core.routing.RoutingService;
import dev.leadline.core.routing.RoutingSignal;
import dev.leadline.core.routing.RoutingStore;
import dev.leadline.server.Drain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the leads that were not routed on arrival (an import's, those that waited for enrichment,
 * retries) on background threads of this node: woken when such leads commit, and every quarter
 * second for leads whose wait for enrichment has ended. A batch is spread over {@value #WORKERS}
 * workers; each lead is leased while it is routed, so it is routed once however many workers and
 * nodes look at it. Leads wait in the database, so none is forgotten across a restart. Closing
 * lets the batch in hand finish.
 */
public final class RoutingLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RoutingLoop.class);
    private static final int BATCH = 120;
    private static final int WORKERS = 3;
    private static final Duration IDLE = Duration.ofMillis(250);
    private final Thread thread;
    private final RoutingSignal signal;
    private volatile boolean stopping;
    private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS, r -> {
        Thread t = new Thread(r, "leadline-routing-worker");
        t.setDaemon(true);
        return t;
    });

    public RoutingLoop(RoutingService routing, RoutingSignal signal) {
        this.signal = signal;
        thread = new Thread(() -> {
            while (!stopping && !Thread.currentThread().isInterrupted()) {
                try {
                    List<RoutingStore.Pending> due = routing.due(BATCH);
                    if (!due.isEmpty()) {
                        routeAll(routing, due);
                    }
                    if (due.size() < BATCH) {
                        signal.await(IDLE);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException | ExecutionException e) {
                    log.warn("routing failed; retrying shortly: {}", e.getMessage());
                    pause(signal);
                }
            }
        }, "leadline-routing");
        thread.setDaemon(true);
        thread.start();
    }

    /** Each worker routes a share of the batch together (two transactions for its share, not two per lead). */
    private void routeAll(RoutingService routing, List<RoutingStore.Pending> due) throws InterruptedException, ExecutionException {
        List<Future<?>> running = new ArrayList<>();
        int share = (due.size() + WORKERS - 1) / WORKERS;
        for (int from = 0; from < due.size(); from += share) {
            List<RoutingStore.Pending> mine = due.subList(from, Math.min(due.size(), from + share));
            running.add(workers.submit(() -> routing.routeBatch(mine)));
        }
        for (Future<?> f : running) {
            f.get();
        }
    }

    /** Waits a little before trying again, or less if new leads arrive. */
    private static void pause(RoutingSignal signal) {
        try {
            signal.await(IDLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopping = true;
        signal.wake();
        try {
            thread.join(Drain.LOOP.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
        Drain.executor(workers, Drain.LOOP, "routing");
    }
}
