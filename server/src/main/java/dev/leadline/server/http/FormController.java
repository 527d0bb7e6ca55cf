package dev.leadline.server.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.FieldError;
import dev.leadline.core.intake.FormDefinition;
import dev.leadline.core.intake.FormOutcome;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.intake.FormService;
import dev.leadline.server.config.ConfigFile;
import dev.leadline.server.config.TrustedProxies;
import io.javalin.http.Context;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /forms/{key}}: web-to-lead from plain HTML forms (urlencoded, answered with a redirect) and
 * from JavaScript (JSON, with CORS for the form's allowed origins); plus form admin under /api.
 */
final class FormController {
    private static final Logger log = LoggerFactory.getLogger(FormController.class);
    private final ObjectMapper json;
    private final FormService forms;
    private final RateLimiter limiter;
    private final TrustedProxies proxies;

    private final dev.leadline.core.booking.BookingService bookings;
    private final BookingController bookingLinks;

    FormController(ObjectMapper json, FormService forms, RateLimiter limiter, TrustedProxies proxies,
                   dev.leadline.core.booking.BookingService bookings, BookingController bookingLinks) {
        this.bookings = bookings;
        this.bookingLinks = bookingLinks;
        this.json = json;
        this.forms = forms;
        this.limiter = limiter;
        this.proxies = proxies;
    }

    void submit(Context ctx) throws Exception {
        FormDefinition form = forms.form(ctx.pathParam("key"));
        boolean fromScript = Optional.ofNullable(ctx.contentType()).orElse("").startsWith("application/json");
        allowOrigin(ctx, form);
        long wait = limiter.acquire(form.key(), clientAddress(ctx));
        if (wait > 0) {
            ctx.header("Retry-After", Long.toString(wait));
            throw new HttpProblem(429, "rate_limited", "too many submissions from this address; try again in " + wait + " s");
        }
        Map<String, String> fields = fromScript ? jsonFields(ctx) : formFields(ctx);
        FormOutcome outcome = forms.submit(form.key(), fields);
        if (outcome instanceof FormOutcome.Invalid invalid) {
            answerInvalid(ctx, invalid.errors(), fromScript);
            return;
        }
        if (outcome instanceof FormOutcome.Spam) {
            log.info("form {}: honeypot filled from {}, submission dropped", form.key(), ctx.ip());
        }
        Optional<dev.leadline.core.booking.BookingOffer> offer = outcome instanceof FormOutcome.Accepted accepted
                && accepted.record().startsWith("L-") && form.booking() != null
                ? bookings.offer(form, dev.leadline.core.lead.LeadId.parse(accepted.record())) : Optional.empty();
        if (fromScript) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("status", "received");
            offer.ifPresent(o -> answer.put("booking", bookingLinks.describe(o)));
            ctx.status(201).json(answer);
        } else if (offer.isPresent()) {
            // a plain HTML form goes on to the booking page
            ctx.redirect(bookingLinks.url(offer.get().booking()), io.javalin.http.HttpStatus.SEE_OTHER);
        } else if (form.thankYouUrl() != null) {
            ctx.redirect(form.thankYouUrl(), io.javalin.http.HttpStatus.SEE_OTHER);
        } else {
            ctx.html("<!doctype html><title>Thank you</title><p>Thank you, we will be in touch.</p>");
        }
    }

    private String clientAddress(Context ctx) {
        return proxies.client(ctx.ip(), Collections.list(ctx.req().getHeaders("X-Forwarded-For")));
    }

    void preflight(Context ctx) {
        FormDefinition form = forms.form(ctx.pathParam("key"));
        allowOrigin(ctx, form);
        ctx.header("Access-Control-Allow-Methods", "POST, OPTIONS")
                .header("Access-Control-Allow-Headers", "Content-Type")
                .header("Access-Control-Max-Age", "600")
                .status(204);
    }

    void list(Context ctx) {
        ctx.json(forms.forms());
    }

    void save(Context ctx) throws Exception {
        Authenticator.requireAdmin(ctx);
        ConfigFile.FormSpec spec = json.readValue(ctx.bodyAsBytes(), ConfigFile.FormSpec.class);
        if (spec == null) {
            throw new HttpProblem(400, "malformed_json", "the body must be a JSON object describing the form");
        }
        if (spec.allowedOrigins() != null && spec.allowedOrigins().contains(null)) {
            throw new ValidationException("allowedOrigins", "entries must be origins like https://example.com, not null");
        }
        String key = ctx.pathParam("key");
        if (spec.key() != null && !spec.key().equals(key)) {
            throw new ValidationException("key", "the body names form '" + spec.key() + "' but the URL names '" + key + "'");
        }
        ctx.json(forms.save(new ConfigFile.FormSpec(key, spec.name(), spec.fieldMapping(), spec.defaultSource(),
                spec.defaultCampaign(), spec.thankYouUrl(), spec.allowedOrigins(), spec.booking()).toDefinition(),
                Authenticator.caller(ctx).actor()));
    }

    private static void allowOrigin(Context ctx, FormDefinition form) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return;
        }
        if (!form.allowedOrigins().contains(origin)) {
            throw new HttpProblem(403, "origin_not_allowed", "origin " + origin + " may not post to form " + form.key());
        }
        ctx.header("Access-Control-Allow-Origin", origin).header("Vary", "Origin");
    }

    private Map<String, String> jsonFields(Context ctx) throws Exception {
        Map<String, Object> raw = json.readValue(ctx.bodyAsBytes(), new TypeReference<LinkedHashMap<String, Object>>() { });
        if (raw == null) {
            throw new HttpProblem(400, "malformed_json", "the body must be a JSON object of the form's fields");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (v != null) {
                fields.put(k, String.valueOf(v));
            }
        });
        return fields;
    }

    private static Map<String, String> formFields(Context ctx) {
        if (Optional.ofNullable(ctx.contentType()).orElse("").startsWith("application/x-www-form-urlencoded")) {
            return UrlEncodedForm.parse(ctx.bodyAsBytes());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        ctx.formParamMap().forEach((k, v) -> fields.put(k, String.join(", ", v)));
        return fields;
    }

    private static void answerInvalid(Context ctx, List<FieldError> errors, boolean fromScript) {
        if (fromScript) {
            ctx.status(400).json(new ApiError("validation_failed", FieldError.describe(errors), errors));
            return;
        }
        StringBuilder html = new StringBuilder("<!doctype html><title>Please check the form</title><p>Please go back and check:</p><ul>");
        errors.forEach(e -> html.append("<li>").append(escape(e.field())).append(": ").append(escape(e.message())).append("</li>"));
        ctx.status(400).html(html.append("</ul>").toString());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
