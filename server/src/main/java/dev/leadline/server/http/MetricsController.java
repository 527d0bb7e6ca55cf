package dev.leadline.server.http;

import dev.leadline.server.metrics.Meters;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * {@code GET /metrics} in Prometheus's text format. On the API's port it takes {@code LEADLINE_METRICS_TOKEN}
 * or an admin API token as a bearer token; on {@code LEADLINE_METRICS_PORT} it takes none.
 */
final class MetricsController {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Meters meters;
    private final Optional<String> token;
    private final Authenticator auth;

    MetricsController(Meters meters, Optional<String> token, Authenticator auth) {
        this.meters = meters;
        this.token = token;
        this.auth = auth;
    }

    /** For the API's port: the metrics token, or else an admin token. */
    void guarded(Context ctx) {
        String header = ctx.header("Authorization");
        boolean metricsToken = token.isPresent() && header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && MessageDigest.isEqual(header.substring(7).strip().getBytes(StandardCharsets.UTF_8), token.get().getBytes(StandardCharsets.UTF_8));
        if (!metricsToken) {
            auth.authenticate(ctx);
            Authenticator.requireAdmin(ctx);
        }
        open(ctx);
    }

    /** For the metrics port of its own. */
    void open(Context ctx) {
        ctx.contentType(CONTENT_TYPE).result(meters.scrape());
    }
}
