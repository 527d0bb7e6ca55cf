package dev.leadline.server.routing;

import dev.leadline.core.routing.RoutingService;
import dev.leadline.core.common.Wakeup;
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
 * retries) on background threads of this node: woken when such leads commit or are enriched, and
 * every {@code look} (a quarter second by default) for leads whose wait for enrichment has ended and
 * for those other nodes left. A batch is spread over {@value #WORKERS}
 * workers; each lead is leased while it is routed, so it is routed once however many workers and
 * nodes look at it. Leads wait in the database, so none is forgotten across a restart. Closing
 * lets the batch in hand finish.
 */
public final class RoutingLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RoutingLoop.class);
    private static final int BATCH = 120;
    private static final int WORKERS = 3;
    /** How often the loop looks for due leads without being woken. */
    public static final Duration LOOK = Duration.ofMillis(250);
    private final Thread thread;
    private final Wakeup signal;
    private volatile boolean stopping;
    private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS, r -> {
        Thread t = new Thread(r, "leadline-routing-worker");
        t.setDaemon(true);
        return t;
    });

    public RoutingLoop(RoutingService routing, Wakeup signal, Duration look) {
        this.signal = signal;
        thread = new Thread(() -> {
            while (!stopping && !Thread.currentThread().isInterrupted()) {
                try {
                    List<RoutingStore.Pending> due = routing.due(BATCH);
                    if (!due.isEmpty()) {
                        routeAll(routing, due);
                    }
                    if (due.size() < BATCH) {
                        signal.await(look);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException | ExecutionException e) {
                    log.warn("routing failed; retrying shortly: {}", e.getMessage());
                    pause(signal, look);
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
    private static void pause(Wakeup signal, Duration look) {
        try {
            signal.await(look);
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
