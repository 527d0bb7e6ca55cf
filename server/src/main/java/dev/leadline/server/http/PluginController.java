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

    PluginController(PluginHost plugins, EnrichmentService enrichment, LeadService leads) {
        this.plugins = plugins;
        this.enrichment = enrichment;
        this.leads = leads;
    }

    void list(Context ctx) {
        ctx.json(plugins.plugins());
    }

    void get(Context ctx) {
        ctx.json(plugins.plugin(ctx.pathParam("id")));
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
