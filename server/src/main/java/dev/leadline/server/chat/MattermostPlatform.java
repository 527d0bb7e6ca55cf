package dev.leadline.server.chat;

import dev.leadline.core.notify.Notifier;
import dev.leadline.core.team.IdentityConflicts;
import dev.leadline.core.team.TeamService;
import dev.leadline.mattermost.MattermostApp;
import dev.leadline.mattermost.MattermostSettings;
import dev.leadline.server.Services;
import io.javalin.http.Context;
import java.util.List;

/** Mattermost: a bot account posts and edits through REST API v4; slash commands, button clicks and dialogs come to three routes. */
final class MattermostPlatform implements ChatPlatform {
    private final MattermostSettings settings;
    private MattermostApp app;

    MattermostPlatform(MattermostSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return MattermostApp.platform();
    }

    @Override
    public Notifier notifier(TeamService team, IdentityConflicts conflicts) {
        app = new MattermostApp(settings, team, conflicts);
        return app.notifier();
    }

    @Override
    public void serve(Services services) {
        app.serve(services.chat());
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route("POST", MattermostSettings.COMMAND_PATH, ctx -> answer(ctx, app.command(ctx.body()))),
                new Route("POST", MattermostSettings.ACTION_PATH, ctx -> answer(ctx, app.action(ctx.body()))),
                new Route("POST", MattermostSettings.DIALOG_PATH, ctx -> answer(ctx, app.dialog(ctx.body()))));
    }

    private static void answer(Context ctx, MattermostApp.Answer answer) {
        ctx.status(answer.status()).contentType("application/json").result(answer.json());
    }

    @Override
    public void close() {
        // nothing held: the REST client has no connections of its own to release
    }
}
