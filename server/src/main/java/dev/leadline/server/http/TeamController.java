package dev.leadline.server.http;

import dev.leadline.server.team.Roster;
import io.javalin.http.Context;
import java.util.Map;

/** The team over HTTP: {@code GET /reps} and {@code GET /queues}, open to every token, so callers can name the acting rep. */
final class TeamController {
    private final Roster roster;

    TeamController(Roster roster) {
        this.roster = roster;
    }

    void reps(Context ctx) {
        ctx.json(Map.of("items", roster.reps()));
    }

    void queues(Context ctx) {
        ctx.json(Map.of("items", roster.queues()));
    }
}
