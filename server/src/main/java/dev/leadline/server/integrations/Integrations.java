package dev.leadline.server.integrations;

import dev.leadline.core.common.Wakeup;
import dev.leadline.core.integration.IntegrationStore;
import dev.leadline.core.integration.Webhooks;
import dev.leadline.core.notify.Outbox;
import dev.leadline.core.team.TeamService;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything integrations are made of on one node: the event store and the feed that fills it, webhook
 * subscriptions and their rules for targets, the CRM connectors listening, and what wakes the delivery loop.
 */
public record Integrations(IntegrationStore store, EventFeed feed, Webhooks webhooks, WebhookTargets targets, ConnectorSlot connectors,
                           Wakeup added, String node, Outbox outbox, TeamService team) {
    /** How often the delivery loop looks for retries and other nodes' deliveries without being woken. */
    public static final Duration LOOK = Duration.ofSeconds(1);

    /** Starts sending: to webhooks, and through {@code more} (by target kind, e.g. {@code crm}). */
    public DeliveryLoop start(Clock clock, String version, Map<String, DeliveryLoop.Listener> more, Duration look) {
        Map<String, DeliveryLoop.Listener> listeners = new HashMap<>(more);
        listeners.put("webhook", new WebhookListener(store, webhooks, new WebhookSender(targets, clock, version), outbox, team, clock));
        return new DeliveryLoop(store, listeners, added, clock, node, look);
    }
}
