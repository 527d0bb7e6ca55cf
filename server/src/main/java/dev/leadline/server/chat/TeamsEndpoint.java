package dev.leadline.server.chat;

import dev.leadline.teams.TeamsApp;
import io.javalin.http.Context;

/** {@code POST /api/messages}: Bot Framework activities, authenticated by their JWT inside the Teams module. */
public final class TeamsEndpoint {
    private final TeamsApp teams;

    public TeamsEndpoint(TeamsApp teams) {
        this.teams = teams;
    }

    public void handle(Context ctx) {
        String authorization = ctx.header("Authorization");
        String body = ctx.body();
        ctx.future(() -> teams.handle(authorization, body).thenAccept(answer -> {
            ctx.status(answer.status());
            if (!answer.body().isEmpty()) {
                ctx.contentType("application/json").result(answer.body());
            }
        }));
    }
}
