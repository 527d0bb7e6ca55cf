package dev.leadline.core.integration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where integration events, their deliveries and webhook subscriptions are kept. */
public interface IntegrationStore {
    /** The active webhook subscriptions, as listeners (read in the caller's transaction). */
    List<Listener> webhookListeners();

    /**
     * Stores events in the caller's transaction, each with a delivery to every one of {@code listeners} that
     * takes its type; an event none of them takes is not kept.
     */
    void append(List<IntegrationEvent> events, List<Listener> listeners, Instant at);

    /** A listener: its target ({@code webhook:<id>}, {@code crm:<plugin>}) and the event types it takes. */
    record Listener(String target, java.util.Set<String> types) {}

    /**
     * Leases up to {@code limit} due deliveries for {@code node} until {@code until}: pending, due, not
     * leased, and the first pending one of their lead and target.
     */
    List<Delivery> lease(String node, Instant now, Instant until, int limit);

    /**
     * Records an attempt: delivered, retried at {@code nextAt}, or given up; the lease ends. A null attempt
     * only holds the delivery until {@code nextAt} (no attempt counted).
     */
    void settle(long deliveryId, Attempt attempt, Instant nextAt);

    /** Ends the leases a node held when it stopped (it starts again: what it was sending is due again). */
    int releaseLeases(String node);

    Webhook insertWebhook(String url, List<String> events, String description, String secret, String createdBy, Instant at);

    Optional<Webhook> webhook(long id);

    List<Webhook> webhooks();

    Webhook updateWebhook(Webhook changed, Instant at);

    boolean deleteWebhook(long id);

    /** Marks a subscription failing since {@code since} (kept when already failing), or healthy ({@code since} null). */
    void webhookHealth(long id, Instant since);

    /** A listener's deliveries, newest first, filtered by status and creation time (either may be null). */
    List<Delivery> deliveries(String target, String status, Instant from, Instant to, int limit);

    Optional<Delivery> delivery(String target, long id);

    /** A new pending delivery of the same event to the same target, due now. */
    Delivery replay(Delivery delivery, Instant at);

    /** Makes a target's pending deliveries due at {@code at} (a resumed subscription sends what it held at once). */
    void dueNow(String target, Instant at);

    /** Replays a target's deliveries created in [from, to) (of one status, or any when null); how many. */
    int replay(String target, Instant from, Instant to, String status, Instant at);

    /**
     * Forgets settled deliveries created before {@code before}, and events older than that with no delivery
     * left; up to {@code limit} of each; how many rows went.
     */
    int purge(Instant before, int limit);

    /** Pending deliveries to a target, and when the oldest was created. */
    Backlog backlog(String target);

    record Backlog(long pending, Instant oldest) {}
}
