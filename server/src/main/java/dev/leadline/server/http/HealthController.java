package dev.leadline.server.http;

import dev.leadline.db.Database;
import dev.leadline.server.plugins.PluginHost;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health}: UP with the database and plugin state, or 503 when the database is down.
 * {@code /health/live} says only that the process answers (restart it when it does not);
 * {@code /health/ready} that this node should be sent traffic: started, not stopping, and its database answering.
 */
final class HealthController {
    private final Database database;
    private final PluginHost plugins;
    private final String version;
    private final java.util.function.BooleanSupplier serving;

    HealthController(Database database, PluginHost plugins, String version, java.util.function.BooleanSupplier serving) {
        this.database = database;
        this.plugins = plugins;
        this.version = version;
        this.serving = serving;
    }

    void live(Context ctx) {
        ctx.json(Map.of("status", "UP"));
    }

    void ready(Context ctx) {
        boolean accepting = serving.getAsBoolean();
        boolean up = accepting && database.isUp(Duration.ofSeconds(2));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("serving", accepting ? "UP" : "DOWN");
        body.put("database", !accepting ? "UNKNOWN" : up ? "UP" : "DOWN");
        if (!up) {
            ctx.header("Retry-After", ErrorMapping.RETRY_AFTER_SECONDS);
        }
        ctx.status(up ? 200 : 503).json(body);
    }

    void health(Context ctx) {
        boolean up = database.isUp(Duration.ofSeconds(2));
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("status", up ? "UP" : "DOWN");
        if (up) {
            db.put("version", database.serverVersion());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("version", version);
        body.put("database", db);
        body.put("plugins", Map.of("loaded", plugins.plugins().size()));
        if (!up) {
            ctx.header("Retry-After", ErrorMapping.RETRY_AFTER_SECONDS);
        }
        ctx.status(up ? 200 : 503).json(body);
    }
}
