package dev.leadline.server.http;

import dev.leadline.db.Database;
import dev.leadline.server.plugins.PluginHost;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /health}: UP with the database and plugin state, or 503 when the database is down. */
final class HealthController {
    private final Database database;
    private final PluginHost plugins;
    private final String version;

    HealthController(Database database, PluginHost plugins, String version) {
        this.database = database;
        this.plugins = plugins;
        this.version = version;
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
