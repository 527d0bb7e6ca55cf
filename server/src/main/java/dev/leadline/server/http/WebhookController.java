package dev.leadline.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.Ids;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.integration.Delivery;
import dev.leadline.core.integration.Webhook;
import dev.leadline.core.integration.Webhooks;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Webhook subscriptions ({@code /webhooks}), their delivery logs and replays, for ADMIN tokens. The secret
 * is shown once, in the answer that creates the subscription.
 */
final class WebhookController {
    private final ObjectMapper json;
    private final Webhooks webhooks;

    WebhookController(ObjectMapper json, Webhooks webhooks) {
        this.json = json;
        this.webhooks = webhooks;
    }

    /** A subscription as sent: any of its fields (all but status when creating one). */
    record Body(String url, List<String> events, String description, String status) {}

    /** A range to replay. */
    record Range(String from, String to, String status) {}

    void create(Context ctx) throws Exception {
        Authenticator.requireAdmin(ctx);
        Body body = body(ctx);
        Webhook made = webhooks.create(new Webhooks.Change(body.url(), body.events(), body.description(), status(body.status())),
                Authenticator.caller(ctx).actor());
        Map<String, Object> view = view(made);
        view.put("secret", made.secret());
        ctx.status(201).header("Location", "/api/v1/webhooks/" + made.id()).json(view);
    }

    void list(Context ctx) {
        Authenticator.requireAdmin(ctx);
        ctx.json(Map.of("webhooks", webhooks.list().stream().map(WebhookController::view).toList()));
    }

    void get(Context ctx) {
        Authenticator.requireAdmin(ctx);
        ctx.json(view(webhooks.get(id(ctx))));
    }

    void change(Context ctx) throws Exception {
        Authenticator.requireAdmin(ctx);
        long id = id(ctx);
        Body body = body(ctx);
        ctx.json(view(webhooks.change(id, new Webhooks.Change(body.url(), body.events(), body.description(), status(body.status())),
                Authenticator.caller(ctx).actor())));
    }

    void delete(Context ctx) {
        Authenticator.requireAdmin(ctx);
        webhooks.delete(id(ctx), Authenticator.caller(ctx).actor());
        ctx.status(204);
    }

    void deliveries(Context ctx) {
        Authenticator.requireAdmin(ctx);
        long id = id(ctx);
        String limitText = ctx.queryParam("limit");
        int limit;
        try {
            limit = limitText == null ? 100 : Integer.parseInt(limitText.strip());
        } catch (NumberFormatException e) {
            throw new ValidationException("limit", "must be a whole number from 1 to " + Webhooks.MAX_PAGE);
        }
        List<Delivery> log = webhooks.deliveries(id, blankToNull(ctx.queryParam("status")), instant("from", ctx.queryParam("from")),
                instant("to", ctx.queryParam("to")), limit);
        ctx.json(Map.of("deliveries", log.stream().map(WebhookController::view).toList()));
    }

    void replayOne(Context ctx) {
        Authenticator.requireAdmin(ctx);
        long id = id(ctx);
        long delivery = Ids.parse("delivery", ctx.pathParam("delivery"));
        ctx.status(202).json(Map.of("delivery", view(webhooks.replay(id, delivery, Authenticator.caller(ctx).actor()))));
    }

    void replayRange(Context ctx) throws Exception {
        Authenticator.requireAdmin(ctx);
        long id = id(ctx);
        Range range = json.readValue(ctx.bodyAsBytes(), Range.class);
        if (range == null) {
            throw new ValidationException("body", "send {\"from\": instant, \"to\": instant, \"status\": optional}");
        }
        int replayed = webhooks.replay(id, instant("from", range.from()), instant("to", range.to()), blankToNull(range.status()),
                Authenticator.caller(ctx).actor());
        ctx.status(202).json(Map.of("replayed", replayed));
    }

    /**
     * The body, strictly: an object of known fields, each of its own type ({@code description} may be null to
     * clear it; the others may not be null); every problem named by field.
     */
    private Body body(Context ctx) throws java.io.IOException {
        com.fasterxml.jackson.databind.JsonNode root = json.readTree(ctx.bodyAsBytes());
        if (root == null || !root.isObject()) {
            throw new ValidationException("body", "send a JSON object like {\"url\": \"https://...\", \"events\": [\"lead.created\"]}");
        }
        List<dev.leadline.core.common.FieldError> errors = new java.util.ArrayList<>();
        root.fieldNames().forEachRemaining(name -> {
            if (!List.of("url", "events", "description", "status").contains(name)) {
                errors.add(new dev.leadline.core.common.FieldError(name, "unknown field; known: url, events, description, status"));
            }
        });
        String url = text(root, "url", false, errors);
        String description = text(root, "description", true, errors);
        String status = text(root, "status", false, errors);
        List<String> events = null;
        if (root.has("events")) {
            com.fasterxml.jackson.databind.JsonNode list = root.get("events");
            if (!list.isArray()) {
                errors.add(new dev.leadline.core.common.FieldError("events", "must be a list of event types"));
            } else {
                events = new java.util.ArrayList<>();
                for (com.fasterxml.jackson.databind.JsonNode item : list) {
                    if (!item.isTextual()) {
                        errors.add(new dev.leadline.core.common.FieldError("events", "must be a list of event types (strings)"));
                        break;
                    }
                    events.add(item.asText());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new Body(url, events, description == null && root.has("description") ? "" : description, status);
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode root, String field, boolean nullable,
                               List<dev.leadline.core.common.FieldError> errors) {
        if (!root.has(field)) {
            return null;
        }
        com.fasterxml.jackson.databind.JsonNode value = root.get(field);
        if (value.isNull()) {
            if (!nullable) {
                errors.add(new dev.leadline.core.common.FieldError(field, "must not be null; leave it out to keep it as it is"));
            }
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new dev.leadline.core.common.FieldError(field, "must be a string"));
            return null;
        }
        return value.asText();
    }

    private static long id(Context ctx) {
        return Ids.parse("webhook", ctx.pathParam("id"));
    }

    private static Webhook.Status status(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "active" -> Webhook.Status.ACTIVE;
            case "paused" -> Webhook.Status.PAUSED;
            default -> throw new ValidationException("status", "must be active or paused, got '" + text + "'");
        };
    }

    private static Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, "must be an ISO instant like 2026-12-06T09:00:00Z, got '" + text + "'");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Map<String, Object> view(Webhook hook) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", hook.id());
        view.put("url", hook.url());
        view.put("events", hook.events());
        view.put("description", hook.description());
        view.put("status", hook.status().name().toLowerCase(Locale.ROOT));
        view.put("createdAt", hook.createdAt().toString());
        view.put("createdBy", hook.createdBy());
        view.put("updatedAt", hook.updatedAt().toString());
        view.put("failingSince", Objects.toString(hook.failingSince(), null));
        view.put("disabledReason", hook.disabledReason());
        return view;
    }

    private static Map<String, Object> view(Delivery d) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", d.id());
        view.put("eventId", d.event().msgId());
        view.put("type", d.event().type());
        view.put("leadId", new dev.leadline.core.lead.LeadId(d.event().leadId()).toString());
        view.put("status", d.status());
        view.put("attempts", d.attempts());
        view.put("createdAt", d.createdAt().toString());
        view.put("lastAttemptAt", Objects.toString(d.lastAttemptAt(), null));
        view.put("nextAttemptAt", Delivery.PENDING.equals(d.status()) ? d.nextAttemptAt().toString() : null);
        view.put("responseCode", d.responseCode());
        view.put("latencyMs", d.latencyMs());
        view.put("response", d.response());
        view.put("error", d.error());
        view.put("replayOf", d.replayOf());
        return view;
    }
}
