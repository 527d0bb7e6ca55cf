package dev.leadline.slack;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The App Home refreshes that cards ask for, published one at a time on this node at Slack's pace for
 * {@code views.publish} (Tier 4: about 100 a minute per workspace), oldest request first. A rep asked for
 * again before their turn comes is refreshed once, with what is current by then: a burst of cards costs
 * Slack and the database one refresh per rep, not one per card. A 429 puts the rep back and waits out its
 * Retry-After. When nothing waits, a request is published at once.
 */
final class HomeRefreshes implements AutoCloseable {
    /** One publish per this on this node: 100 a minute. */
    static final Duration GAP = Duration.ofMillis(600);
    private static final Logger log = LoggerFactory.getLogger(HomeRefreshes.class);
    /** Team and user ids; a user is not asked for twice while waiting. */
    private final Set<Who> waiting = new LinkedHashSet<>();
    private final Function<Who, Optional<Duration>> publish;
    private final Duration gap;
    private final ScheduledExecutorService turns = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "slack-home-refreshes");
        thread.setDaemon(true);
        return thread;
    });
    /** Whether a turn is running or set for later (guarded by {@code waiting}). */
    private boolean turnAhead;

    record Who(String team, String user) { }

    /** {@code publish} refreshes one rep's App Home; it answers how long Slack asked to wait (a 429), if it did. */
    HomeRefreshes(Function<Who, Optional<Duration>> publish, Duration gap) {
        this.publish = publish;
        this.gap = gap;
    }

    /** Asks for the user's App Home to be published again soon. */
    void ask(String team, String user) {
        synchronized (waiting) {
            if (waiting.add(new Who(team, user)) && !turnAhead) {
                turnAhead = true;
                later(Duration.ZERO);
            }
        }
    }

    /** How many refreshes wait for their turn. */
    int waiting() {
        synchronized (waiting) {
            return waiting.size();
        }
    }

    /** Publishes the oldest request, then sets the next turn after the gap (or Slack's Retry-After). */
    private void turn() {
        Who next;
        synchronized (waiting) {
            Iterator<Who> oldest = waiting.iterator();
            if (!oldest.hasNext()) {
                turnAhead = false;
                return;
            }
            next = oldest.next();
            oldest.remove();
        }
        Duration pause = gap;
        try {
            Optional<Duration> retryAfter = publish.apply(next);
            if (retryAfter.isPresent()) {
                synchronized (waiting) {
                    waiting.add(next);
                }
                pause = retryAfter.get().compareTo(gap) > 0 ? retryAfter.get() : gap;
            }
        } catch (RuntimeException e) {
            log.warn("App Home of {} not refreshed: {}", next.user(), e.getMessage());
        }
        later(pause);
    }

    private void later(Duration pause) {
        try {
            turns.schedule(this::turn, pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed: what waits is dropped (a rep's App Home is published again when they open it)
        }
    }

    /** Stops; refreshes still waiting are dropped (a rep's App Home is published again when they open it). */
    @Override
    public void close() {
        turns.shutdownNow();
    }
}
