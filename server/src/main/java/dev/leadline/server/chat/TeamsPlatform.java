package dev.leadline.server.chat;

import dev.leadline.core.notify.Notifier;
import dev.leadline.core.team.IdentityConflicts;
import dev.leadline.core.team.TeamService;
import dev.leadline.db.Database;
import dev.leadline.db.JooqChatConversations;
import dev.leadline.db.JooqRooms;
import dev.leadline.db.JooqSeenRequests;
import dev.leadline.server.Services;
import dev.leadline.teams.TeamsApp;
import dev.leadline.teams.TeamsPeople;
import dev.leadline.teams.TeamsSettings;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** Microsoft Teams: the Bot Framework at {@code POST /api/messages}, and proactive messages for the outbox. */
final class TeamsPlatform implements ChatPlatform {
    /**
     * Teams, when its app is registered: TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID together
     * (Azure Bot, single tenant), or TEAMS_AUTH_DISABLED=true for the Agents Playground on one's own machine.
     */
    static final Section<TeamsSettings> SECTION = new Section<>(TeamsPeople.PLATFORM, TeamsPlatform::settings, TeamsPlatform::new);

    private static final String GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private final TeamsSettings settings;
    private final Database database;
    private final Clock clock;
    private TeamsApp app;

    TeamsPlatform(TeamsSettings settings, Database database, Clock clock) {
        this.settings = settings;
        this.database = database;
        this.clock = clock;
    }

    static Optional<TeamsSettings> settings(ChatEnvironment env) {
        Optional<String> appId = env.optional("TEAMS_APP_ID");
        Optional<String> password = env.optional("TEAMS_APP_PASSWORD");
        Optional<String> tenant = env.optional("TEAMS_TENANT_ID");
        boolean authDisabled = env.flag("TEAMS_AUTH_DISABLED", false);
        Optional<String> metadata = env.optional("TEAMS_OPENID_METADATA_URL");
        Optional<String> login = env.optional("TEAMS_LOGIN_URL");
        appId.filter(id -> !id.matches(GUID)).ifPresent(id -> env.problem(
                "TEAMS_APP_ID must be the Azure Bot's Microsoft App ID, a GUID like 00000000-0000-0000-0000-000000000000, got '" + id + "'"));
        tenant.filter(id -> !id.matches(GUID)).ifPresent(id -> env.problem(
                "TEAMS_TENANT_ID must be your Microsoft Entra tenant id, a GUID, got '" + id + "'"));
        for (var url : List.of(Map.entry("TEAMS_OPENID_METADATA_URL", metadata), Map.entry("TEAMS_LOGIN_URL", login))) {
            url.getValue().filter(u -> !u.startsWith("https://") && !u.startsWith("http://"))
                    .ifPresent(u -> env.problem(url.getKey() + " must be an http(s) URL, got '" + u + "'"));
        }
        if (authDisabled) {
            return Optional.of(new TeamsSettings(appId.orElse(null), password.orElse(null), tenant.orElse(null), metadata.orElse(null),
                    login.orElse(null), true));
        }
        if (appId.isEmpty() && password.isEmpty() && tenant.isEmpty()) {
            return Optional.empty();
        }
        if (appId.isEmpty() || password.isEmpty() || tenant.isEmpty()) {
            env.problem("Teams needs TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID together (Azure Bot → Configuration: "
                    + "Microsoft App ID, a client secret, and the app's tenant); missing: "
                    + String.join(", ", Stream.of(appId.isEmpty() ? "TEAMS_APP_ID" : null,
                            password.isEmpty() ? "TEAMS_APP_PASSWORD" : null, tenant.isEmpty() ? "TEAMS_TENANT_ID" : null)
                    .filter(Objects::nonNull).toList()));
            return Optional.empty();
        }
        return Optional.of(new TeamsSettings(appId.get(), password.get(), tenant.get(), metadata.orElse(null), login.orElse(null), false));
    }

    @Override
    public String name() {
        return TeamsPeople.PLATFORM;
    }

    @Override
    public Notifier notifier(TeamService team, IdentityConflicts conflicts) {
        app = new TeamsApp(settings, team, new JooqChatConversations(database.dsl()), conflicts, new JooqSeenRequests(database.dsl()),
                new JooqRooms(database.dsl()), clock);
        return app.notifier();
    }

    @Override
    public void serve(Services services) {
        app.serve(services.chat(), services.chatFiles(), services.leads());
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route("POST", TeamsApp.MESSAGES_PATH, new TeamsEndpoint(app)::handle));
    }

    @Override
    public void close() {
        if (app != null) {
            app.close();
        }
    }
}
