package dev.leadline.server.http;

import dev.leadline.core.enrichment.EnrichmentService;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadService;
import dev.leadline.server.plugins.PluginHost;
import io.javalin.http.Context;

/**
 * {@code /api/v1/plugins}: the loaded plugins with their providers and call metrics; enabling,
 * disabling and adding plugins while the server runs (ADMIN tokens). And a lead's enrichment:
 * {@code GET /api/v1/leads/{id}/enrichment}.
 */
final class PluginController {
    private final PluginHost plugins;
    private final EnrichmentService enrichment;
    private final LeadService leads;

    private final dev.leadline.server.integrations.Integrations integrations;
    private final java.time.Clock clock;

    PluginController(PluginHost plugins, EnrichmentService enrichment, LeadService leads, dev.leadline.server.integrations.Integrations integrations,
                     java.time.Clock clock) {
        this.plugins = plugins;
        this.integrations = integrations;
        this.clock = clock;
        this.enrichment = enrichment;
        this.leads = leads;
    }

    void list(Context ctx) {
        ctx.json(plugins.plugins());
    }

    /** One plugin; a CRM connector's also with its sync state: pending deliveries, lag, last error, last pull. */
    void get(Context ctx) {
        String id = ctx.pathParam("id");
        PluginHost.PluginInfo info = plugins.plugin(id);
        java.util.Optional<String> connector = plugins.crmName(id);
        if (connector.isEmpty()) {
            ctx.json(info);
            return;
        }
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> view = new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules().convertValue(info,
                java.util.LinkedHashMap.class);
        dev.leadline.core.integration.IntegrationStore.Backlog backlog = integrations.store()
                .backlog(dev.leadline.server.integrations.CrmListener.target(id));
        dev.leadline.core.integration.CrmStore.State state = integrations.crm().state(id);
        java.util.Map<String, Object> crm = new java.util.LinkedHashMap<>();
        crm.put("connector", connector.get());
        crm.put("problems", plugins.crmProblems(id));
        crm.put("pending", backlog.pending());
        crm.put("lagSeconds", backlog.oldest() == null ? 0 : Math.max(0, java.time.Duration.between(backlog.oldest(), clock.instant()).toSeconds()));
        crm.put("oldestPendingAt", java.util.Objects.toString(backlog.oldest(), null));
        crm.put("lastError", state.lastError());
        crm.put("lastErrorAt", java.util.Objects.toString(state.lastErrorAt(), null));
        crm.put("lastPullAt", java.util.Objects.toString(state.pulledAt(), null));
        crm.put("pullPausedUntil", java.util.Objects.toString(state.pullAfter(), null));
        view.put("crm", crm);
        ctx.json(view);
    }

    void enable(Context ctx) {
        Authenticator.requireAdmin(ctx);
        ctx.json(plugins.enable(ctx.pathParam("id")));
    }

    void disable(Context ctx) {
        Authenticator.requireAdmin(ctx);
        ctx.json(plugins.disable(ctx.pathParam("id")));
    }

    /** {@code POST /api/v1/plugins?name=my-plugin-1.0.0.zip} with the archive as the body. */
    void install(Context ctx) {
        Authenticator.requireAdmin(ctx);
        ctx.status(201).json(plugins.install(ctx.queryParam("name"), ctx.bodyInputStream()));
    }

    void leadEnrichment(Context ctx) {
        LeadId id = leads.get(LeadId.parse(ctx.pathParam("id"))).id();
        ctx.json(enrichment.insight(id));
    }
}
