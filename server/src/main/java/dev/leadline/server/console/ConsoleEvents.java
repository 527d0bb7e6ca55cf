package dev.leadline.server.console;

import dev.leadline.core.activity.LeadChanges;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live updates for open console pages, by server-sent events. Every node polls the shared timeline
 * ({@link LeadChanges}) every {@link #POLL}, so a lead claimed through any node, chat platform or the
 * API reaches the browsers connected to this one within about a second; each browser then reloads the
 * part of the page it shows, with its own session's rights. Timeline ids are handed out before commit,
 * so the poll re-reads {@link #OVERLAP} entries behind the newest it has seen and skips those it sent.
 */
public final class ConsoleEvents implements AutoCloseable {
    static final Duration POLL = Duration.ofMillis(500);
    static final int OVERLAP = 200;
    static final String EVENT = "leads-changed";
    private static final Logger log = LoggerFactory.getLogger(ConsoleEvents.class);

    private final LeadChanges changes;
    private final List<SseClient> clients = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "console-events");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Long> sent = new HashSet<>();
    private final ArrayDeque<Long> sentOrder = new ArrayDeque<>();
    private long head = -1;

    public ConsoleEvents(LeadChanges changes) {
        this.changes = changes;
    }

    public void start() {
        poller.scheduleWithFixedDelay(this::pollSafely, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A browser listening: kept open (with a comment every so often) until it goes or the server stops. */
    public void connect(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        client.sendComment("connected");
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.warn("console live updates: reading the timeline failed; trying again in {} ms", POLL.toMillis(), e);
        }
    }

    void poll() {
        if (head < 0) {
            head = changes.head();
            changes.after(Math.max(0, head - OVERLAP), 1000).forEach(change -> remember(change.position()));
            return;
        }
        Set<Long> leads = new LinkedHashSet<>();
        for (LeadChanges.Change change : changes.after(Math.max(0, head - OVERLAP), 1000)) {
            head = Math.max(head, change.position());
            if (remember(change.position())) {
                leads.add(change.lead().value());
            }
        }
        if (!leads.isEmpty() && !clients.isEmpty()) {
            String data = leads.stream().map(id -> "L-" + id).collect(Collectors.joining(" "));
            clients.forEach(client -> {
                if (client.terminated()) {
                    clients.remove(client);
                } else {
                    client.sendEvent(EVENT, data);
                }
            });
        }
    }

    private boolean remember(long position) {
        if (!sent.add(position)) {
            return false;
        }
        sentOrder.addLast(position);
        while (sentOrder.size() > OVERLAP * 4) {
            sent.remove(sentOrder.removeFirst());
        }
        return true;
    }

    /** Stops polling and closes every browser's stream, so stopping the server does not wait for them. */
    @Override
    public void close() {
        poller.shutdownNow();
        clients.forEach(SseClient::close);
        clients.clear();
    }
}
