package dev.leadline.server.chat;

import dev.leadline.core.notify.Notifier;
import dev.leadline.core.team.IdentityConflicts;
import dev.leadline.core.team.TeamService;
import dev.leadline.db.Database;
import dev.leadline.db.JooqRooms;
import dev.leadline.mattermost.MattermostApp;
import dev.leadline.mattermost.MattermostSettings;
import dev.leadline.server.Services;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Mattermost: a bot account posts, edits and makes lead rooms through REST API v4; slash commands, button clicks, dialogs and
 * outgoing webhooks' posts come to four routes.
 */
final class MattermostPlatform implements ChatPlatform {
    /** Mattermost, when MATTERMOST_URL, MATTERMOST_BOT_TOKEN, MATTERMOST_COMMAND_TOKENS and MATTERMOST_CALLBACK_URL are set together. */
    static final Section<MattermostSettings> SECTION = new Section<>(MattermostApp.platform(), MattermostPlatform::settings,
            (settings, database, clock) -> new MattermostPlatform(settings, database, clock));

    private final MattermostSettings settings;
    private final Database database;
    private final java.time.Clock clock;
    private MattermostApp app;

    MattermostPlatform(MattermostSettings settings, Database database, java.time.Clock clock) {
        this.clock = clock;
        this.settings = settings;
        this.database = database;
    }

    static Optional<MattermostSettings> settings(ChatEnvironment env) {
        Optional<String> url = env.optional("MATTERMOST_URL");
        Optional<String> token = env.optional("MATTERMOST_BOT_TOKEN");
        Optional<String> commandTokens = env.optional("MATTERMOST_COMMAND_TOKENS");
        Optional<String> callback = env.optional("MATTERMOST_CALLBACK_URL");
        if (url.isEmpty() && token.isEmpty() && commandTokens.isEmpty() && callback.isEmpty()) {
            return Optional.empty();
        }
        List<String> missing = Stream.of(url.isEmpty() ? "MATTERMOST_URL" : null, token.isEmpty() ? "MATTERMOST_BOT_TOKEN" : null,
                commandTokens.isEmpty() ? "MATTERMOST_COMMAND_TOKENS" : null, callback.isEmpty() ? "MATTERMOST_CALLBACK_URL" : null)
                .filter(Objects::nonNull).toList();
        if (!missing.isEmpty()) {
            env.problem("Mattermost needs MATTERMOST_URL, MATTERMOST_BOT_TOKEN, MATTERMOST_COMMAND_TOKENS and MATTERMOST_CALLBACK_URL "
                    + "together; missing: " + String.join(", ", missing));
            return Optional.empty();
        }
        boolean fine = true;
        for (var u : List.of(Map.entry("MATTERMOST_URL", url.get()), Map.entry("MATTERMOST_CALLBACK_URL", callback.get()))) {
            if (!u.getValue().startsWith("https://") && !u.getValue().startsWith("http://")) {
                env.problem(u.getKey() + " must be an http(s) URL, got '" + u.getValue() + "'");
                fine = false;
            }
        }
        Set<String> tokens = Arrays.stream(commandTokens.get().split(",")).map(String::strip).filter(t -> !t.isEmpty())
                .collect(Collectors.toSet());
        if (tokens.isEmpty()) {
            env.problem("MATTERMOST_COMMAND_TOKENS must name at least one slash command token (comma-separated), got '" + commandTokens.get() + "'");
            fine = false;
        }
        if (!fine) {
            return Optional.empty();
        }
        Set<String> webhookTokens = env.optional("MATTERMOST_WEBHOOK_TOKENS").stream().flatMap(t -> Arrays.stream(t.split(",")))
                .map(String::strip).filter(t -> !t.isEmpty()).collect(Collectors.toSet());
        return Optional.of(new MattermostSettings(url.get(), token.get(), tokens, callback.get(), webhookTokens));
    }

    @Override
    public String name() {
        return MattermostApp.platform();
    }

    @Override
    public Notifier notifier(TeamService team, IdentityConflicts conflicts) {
        app = new MattermostApp(settings, team, conflicts, new JooqRooms(database.dsl()), clock);
        return app.notifier();
    }

    @Override
    public void serve(Services services) {
        app.serve(services.chat(), services.chatFiles());
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route("POST", MattermostSettings.COMMAND_PATH, ctx -> answer(ctx, app.command(ctx.body()))),
                new Route("POST", MattermostSettings.ACTION_PATH, ctx -> answer(ctx, app.action(ctx.body()))),
                new Route("POST", MattermostSettings.DIALOG_PATH, ctx -> answer(ctx, app.dialog(ctx.body()))),
                new Route("POST", MattermostSettings.POSTS_PATH, ctx -> answer(ctx, app.posted(ctx.body(), ctx.contentType()))));
    }

    private static void answer(Context ctx, MattermostApp.Answer answer) {
        ctx.status(answer.status()).contentType("application/json").result(answer.json());
    }

    @Override
    public void close() {
        // nothing held: the REST client has no connections of its own to release
    }
}
