package dev.leadline.server.console;

import dev.leadline.core.access.ConsoleAccess;
import dev.leadline.core.common.Ids;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.integration.Delivery;
import dev.leadline.core.integration.EventTypes;
import dev.leadline.core.integration.Webhook;
import dev.leadline.core.integration.Webhooks;
import dev.leadline.core.team.Permissions;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The Webhooks page (admins): every subscription with its health and its latest deliveries, subscribing a URL
 * (its secret shown once, on the answer that made it), pausing, resuming, deleting and replaying a delivery,
 * through the same service and rules as {@code /api/v1/webhooks}.
 */
public final class WebhookPages {
    /** Deliveries shown per subscription. */
    static final int LOG = 10;
    /** How much of an attempt's error the table shows. */
    static final int ERROR_SHOWN = 120;
    private static final Map<String, String> DONE = Map.of("paused", "Paused webhook %s: its events wait until it is resumed.",
            "resumed", "Resumed webhook %s.", "deleted", "Deleted webhook %s.", "replayed", "Sending the delivery again to webhook %s.");
    private final Webhooks webhooks;

    public WebhookPages(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    /** A subscription as the page shows it, with its latest deliveries. */
    public record Row(long id, String url, String events, String description, String status, String failingSince, String disabledReason,
                      List<LogLine> log) {}

    /** One delivery in a subscription's log. */
    public record LogLine(long id, String type, String lead, String status, int attempts, String createdAt, String answer, String error) {}

    public void page(Context ctx) {
        ConsoleAccess.Active me = admin(ctx);
        String message = DONE.entrySet().stream().filter(e -> ctx.queryParam(e.getKey()) != null)
                .map(e -> String.format(e.getValue(), Objects.toString(ctx.queryParam(e.getKey())).replaceAll("[^0-9]", "")))
                .findFirst().orElse("");
        render(ctx, 200, me, message, false, null);
    }

    /** Subscribes a URL from the form; the answer shows the secret, once. */
    public void create(Context ctx) {
        ConsoleAccess.Active me = admin(ctx);
        List<String> events = ctx.formParams("events");
        try {
            Webhook made = webhooks.create(new Webhooks.Change(ctx.formParam("url"), events, ctx.formParam("description"), null),
                    me.acting().actor());
            render(ctx, 201, me, "Subscribed " + made.url() + ". Its signing secret is below: copy it now, it is not shown again.", false,
                    made.secret());
        } catch (ValidationException refused) {
            render(ctx, 422, me, "Not subscribed: " + refused.getMessage(), true, null);
        }
    }

    /** Pause, resume or delete. */
    public void act(Context ctx) {
        ConsoleAccess.Active me = admin(ctx);
        long id = Ids.parse("webhook", ctx.pathParam("id"));
        String action = ctx.pathParam("action");
        switch (action) {
            case "pause" -> webhooks.change(id, new Webhooks.Change(null, null, null, Webhook.Status.PAUSED), me.acting().actor());
            case "resume" -> webhooks.change(id, new Webhooks.Change(null, null, null, Webhook.Status.ACTIVE), me.acting().actor());
            case "delete" -> webhooks.delete(id, me.acting().actor());
            default -> throw new ConsoleRefusal(404, "No such action: " + action.replaceAll("[^a-z-]", "") + ".");
        }
        String done = action.equals("pause") ? "paused" : action.equals("resume") ? "resumed" : "deleted";
        ctx.redirect("/console/admin/webhooks?" + done + "=" + id, HttpStatus.SEE_OTHER);
    }

    public void replay(Context ctx) {
        ConsoleAccess.Active me = admin(ctx);
        long id = Ids.parse("webhook", ctx.pathParam("id"));
        webhooks.replay(id, Ids.parse("delivery", ctx.pathParam("delivery")), me.acting().actor());
        ctx.redirect("/console/admin/webhooks?replayed=" + id, HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, int status, ConsoleAccess.Active me, String message, boolean refused, String secret) {
        List<Row> rows = webhooks.list().stream().map(this::row).toList();
        ctx.status(status).render("webhooks.jte", Map.of("me", ConsolePages.me(me), "webhooks", rows, "events", EventTypes.ALL,
                "message", message, "refused", refused, "secret", secret == null ? "" : secret));
    }

    private Row row(Webhook hook) {
        List<LogLine> log = webhooks.deliveries(hook.id(), null, null, null, LOG).stream().map(WebhookPages::line).toList();
        return new Row(hook.id(), hook.url(), String.join(", ", hook.events()), Objects.toString(hook.description(), ""),
                hook.status().name().toLowerCase(Locale.ROOT), Objects.toString(hook.failingSince(), ""), Objects.toString(hook.disabledReason(), ""),
                log);
    }

    private static LogLine line(Delivery d) {
        String answer = d.responseCode() == null ? "" : d.responseCode() + (d.latencyMs() == null ? "" : " in " + d.latencyMs() + " ms");
        String error = Objects.toString(d.error(), "");
        // a TLS or connection error can run to a paragraph: the table shows its start, the API the whole of it
        String shown = error.length() > ERROR_SHOWN ? error.substring(0, ERROR_SHOWN) + "…" : error;
        return new LogLine(d.id(), d.event().type(), new dev.leadline.core.lead.LeadId(d.event().leadId()).toString(), d.status(), d.attempts(),
                d.createdAt().toString(), answer, shown);
    }

    private static ConsoleAccess.Active admin(Context ctx) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        if (!Permissions.isAdmin(me.rep())) {
            throw new ConsoleRefusal(403, "Not allowed: the Webhooks page is for admins only.");
        }
        return me;
    }
}
