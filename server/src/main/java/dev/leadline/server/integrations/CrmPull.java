package dev.leadline.server.integrations;

import dev.leadline.core.enrichment.ProviderCalls.Called;
import dev.leadline.core.integration.CrmStore;
import dev.leadline.core.integration.CrmUpdates;
import dev.leadline.core.lead.LeadId;
import dev.leadline.plugin.CrmChanges;
import dev.leadline.server.plugins.PluginHost;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls what changed in each CRM (owner and status) through its cursor and applies it to the leads it
 * knows, the newer change winning per field ({@link CrmUpdates}); up to {@value #PAGES} pages of
 * {@value #PAGE_SIZE} a run. The first pull of a connector only takes its cursor (changes from then on).
 * A record Leadline never pushed is left alone.
 */
public final class CrmPull {
    private static final Logger log = LoggerFactory.getLogger(CrmPull.class);
    static final int PAGE_SIZE = 100;
    static final int PAGES = 10;
    private final PluginHost plugins;
    private final CrmStore crm;
    private final CrmUpdates updates;
    private final Clock clock;

    public CrmPull(PluginHost plugins, CrmStore crm, CrmUpdates updates, Clock clock) {
        this.plugins = plugins;
        this.crm = crm;
        this.updates = updates;
        this.clock = clock;
    }

    /** One round over every started connector; how many changes it applied. */
    public int run() {
        int applied = 0;
        for (String plugin : plugins.crmConnectors()) {
            try {
                applied += pull(plugin);
            } catch (RuntimeException e) {
                log.warn("pulling changes from {} failed: {}", plugin, e.toString());
                crm.failed(plugin, "pull: " + e.getMessage(), clock.instant());
            }
        }
        return applied;
    }

    int pull(String plugin) {
        int applied = 0;
        String name = plugins.crmName(plugin).orElse(plugin);
        for (int page = 0; page < PAGES; page++) {
            CrmStore.State state = crm.state(plugin);
            Instant now = clock.instant();
            if (state.pullAfter() != null && now.isBefore(state.pullAfter())) {
                return applied;
            }
            String cursor = state.cursor();
            Called<CrmChanges> called = plugins.crm(plugin, (connector, context) -> connector.pullChanges(cursor, PAGE_SIZE, context));
            if (called.value() == null) {
                crm.failed(plugin, "pull: " + called.failure(), now);
                return applied;
            }
            CrmChanges changes = called.value();
            for (CrmChanges.Change change : changes.changes()) {
                Optional<String> lead = crm.localId(plugin, "lead", change.crmId());
                if (lead.isEmpty()) {
                    continue;
                }
                java.util.Map<String, String> values = new java.util.HashMap<>(change.values());
                values.remove("ownerCrmId");
                List<String> said = updates.apply(LeadId.parse(lead.get()), plugin, name, values, change.changedAt());
                if (change.values().get("ownerCrmId") != null && change.values().get("owner") != null) {
                    crm.link(plugin, "owner", change.values().get("owner"), change.values().get("ownerCrmId"), now);
                }
                if (!said.isEmpty()) {
                    applied++;
                    log.info("{} changed {}: {}", name, lead.get(), String.join("; ", said));
                }
            }
            Duration wait = changes.retryAfter();
            crm.pulled(plugin, changes.nextCursor() == null ? cursor : changes.nextCursor(), now, wait == null ? null : now.plus(wait));
            if (!changes.more() || wait != null) {
                return applied;
            }
        }
        return applied;
    }
}
