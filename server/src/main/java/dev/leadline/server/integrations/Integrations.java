package dev.leadline.server.integrations;

import dev.leadline.core.account.AccountRepository;
import dev.leadline.core.common.Wakeup;
import dev.leadline.core.conversion.ConversionRepository;
import dev.leadline.core.integration.CrmStore;
import dev.leadline.core.integration.CrmUpdates;
import dev.leadline.core.integration.IntegrationStore;
import dev.leadline.core.integration.Webhooks;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.notify.Outbox;
import dev.leadline.core.scheduling.ScheduleRepository;
import dev.leadline.core.team.TeamService;
import dev.leadline.server.plugins.PluginHost;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Everything integrations are made of on one node: the event store and the feed that fills it, webhook
 * subscriptions and their rules for targets, the CRM connectors' store and how their changes are applied,
 * and what wakes the delivery loop.
 */
public record Integrations(IntegrationStore store, EventFeed feed, Webhooks webhooks, WebhookTargets targets, ConnectorSlot connectors,
                           Wakeup added, String node, Outbox outbox, TeamService team, CrmStore crm, CrmUpdates crmUpdates, LeadRepository leads,
                           ScheduleRepository schedule, ConversionRepository conversions, AccountRepository accounts, CrmBackfill backfill) {
    /** How often the delivery loop looks for retries and other nodes' deliveries without being woken. */
    public static final Duration LOOK = Duration.ofSeconds(1);

    /** Starts sending, to webhooks and to the plugins' CRM connectors (which listen from now on). */
    public DeliveryLoop start(PluginHost plugins, Clock clock, String version, Duration look) {
        connectors.use(() -> CrmListener.listeners(plugins));
        Map<String, DeliveryLoop.Listener> listeners = Map.of(
                "webhook", new WebhookListener(store, webhooks, new WebhookSender(targets, clock, version), outbox, team, clock),
                "crm", new CrmListener(plugins, crm, crmUpdates, leads, team, schedule, conversions, accounts, clock));
        return new DeliveryLoop(store, listeners, added, clock, node, look);
    }

    /** How long settled deliveries (and events no delivery needs any more) are kept for the logs and replays. */
    public static final Duration KEEP = Duration.ofDays(30);

    /** Forgets what is older than {@link #KEEP} (a recurring job), a batch at a time; how many rows went. */
    public int purge(Clock clock) {
        int gone = 0;
        int batch;
        do {
            batch = store.purge(clock.instant().minus(KEEP), 5000);
            gone += batch;
        } while (batch >= 5000);
        return gone;
    }

    /** Pulls the CRMs' changes (a recurring job). */
    public CrmPull pull(PluginHost plugins, Clock clock) {
        return new CrmPull(plugins, crm, crmUpdates, clock);
    }
}
