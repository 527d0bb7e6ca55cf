package dev.leadline.server.http;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Names each request: its id (the caller's {@code X-Request-Id} when it is a plain token, else a new
 * one, answered in the same header) and the lead its path names go into the MDC, so every line logged
 * while it is served carries them; its time goes into {@code leadline_http_requests_seconds} by route
 * pattern (never the raw path, whose ids would make a series per lead).
 */
final class RequestTracing {
    static final String HEADER = "X-Request-Id";
    static final String REQUEST_ID = "requestId";
    static final String LEAD_ID = "leadId";
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern LEAD_PATH = Pattern.compile("/leads/(?:L-)?(\\d{1,18})(?:[/.?]|$)");

    private final MeterRegistry registry;

    RequestTracing(MeterRegistry registry) {
        this.registry = registry;
    }

    void begin(Context ctx) {
        MDC.clear();
        String given = ctx.header(HEADER);
        String id = given != null && PLAIN_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
        MDC.put(REQUEST_ID, id);
        ctx.header(HEADER, id);
        Matcher lead = LEAD_PATH.matcher(ctx.path());
        if (lead.find()) {
            MDC.put(LEAD_ID, "L-" + lead.group(1));
        }
    }

    /** Javalin's request logger: called once the answer is written, whatever happened. */
    void end(Context ctx, Float millis) {
        dev.leadline.server.metrics.Meters.waits("leadline.http.requests", "HTTP requests served, by method, route pattern and status")
                .tags("method", ctx.method().name(), "route", route(ctx), "status", Integer.toString(ctx.statusCode()))
                .register(registry).record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
        MDC.clear();
    }

    private static String route(Context ctx) {
        try {
            var endpoint = ctx.endpoints().lastHttpEndpoint();
            return endpoint == null || endpoint.path.isEmpty() ? "unmatched" : endpoint.path.toLowerCase(Locale.ROOT);
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }
}
