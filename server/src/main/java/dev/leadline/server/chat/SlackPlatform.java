package dev.leadline.server.chat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.leadline.core.notify.Notifier;
import dev.leadline.core.team.IdentityConflicts;
import dev.leadline.core.team.TeamService;
import dev.leadline.db.Database;
import dev.leadline.db.JooqChatInstallations;
import dev.leadline.db.JooqSeenRequests;
import dev.leadline.server.Services;
import dev.leadline.slack.SlackApp;
import dev.leadline.slack.SlackClients;
import dev.leadline.slack.SlackInstallations;
import dev.leadline.slack.SlackNotifier;
import dev.leadline.slack.SlackPeople;
import dev.leadline.slack.SlackSettings;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Slack: the notifier posts with the Web API; the Bolt app answers {@code POST /slack/events} (and,
 * for many workspaces, the install and OAuth redirect pages) when a signing secret is set, and
 * connects over Socket Mode when an app token is.
 */
final class SlackPlatform implements ChatPlatform {
    /**
     * Slack, in one workspace (SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET, or SLACK_APP_TOKEN for Socket Mode) or
     * installed in many (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET); SLACK_API_URL for a stand-in Slack.
     */
    static final Section<SlackSettings> SECTION = new Section<>(SlackNotifier.PLATFORM, SlackPlatform::settings, SlackPlatform::new);

    private final SlackSettings settings;
    private final Database database;
    private final Clock clock;
    private Slack slack;
    private SlackPeople people;
    private SlackNotifier notifier;
    private SlackClients clients;
    private SlackInstallations installations;
    private SlackApp app;

    SlackPlatform(SlackSettings settings, Database database, Clock clock) {
        this.settings = settings;
        this.database = database;
        this.clock = clock;
    }

    static Optional<SlackSettings> settings(ChatEnvironment env) {
        Optional<String> token = env.optional("SLACK_BOT_TOKEN");
        Optional<String> secret = env.optional("SLACK_SIGNING_SECRET");
        Optional<String> appToken = env.optional("SLACK_APP_TOKEN");
        Optional<String> clientId = env.optional("SLACK_CLIENT_ID");
        Optional<String> clientSecret = env.optional("SLACK_CLIENT_SECRET");
        Optional<String> apiUrl = env.optional("SLACK_API_URL");
        if (token.isPresent() && secret.isEmpty() && appToken.isEmpty()) {
            env.problem("SLACK_BOT_TOKEN needs SLACK_SIGNING_SECRET (Basic Information → App Credentials), or SLACK_APP_TOKEN for Socket Mode");
        }
        if (token.isEmpty() && clientId.isEmpty() && (secret.isPresent() || appToken.isPresent())) {
            env.problem("SLACK_BOT_TOKEN is required with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN (OAuth & Permissions → Bot User OAuth Token, xoxb-...)");
        }
        appToken.filter(t -> !t.startsWith("xapp-"))
                .ifPresent(t -> env.problem("SLACK_APP_TOKEN must be an app-level token starting with xapp- (Basic Information → App-Level Tokens)"));
        if (clientId.isEmpty() && clientSecret.isEmpty()) {
            return token.filter(t -> secret.isPresent() || appToken.isPresent())
                    .map(t -> SlackSettings.singleWorkspace(t, secret.orElse(null), appToken.orElse(null), apiUrl.orElse(null)));
        }
        if (token.isPresent()) {
            env.problem("set either SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID/SLACK_CLIENT_SECRET (install in many), not both");
        } else if (clientId.isEmpty() || clientSecret.isEmpty() || secret.isEmpty()) {
            env.problem("installing in many workspaces needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET (Basic Information)");
        } else {
            return Optional.of(new SlackSettings(null, secret.get(), appToken.orElse(null), clientId.get(), clientSecret.get(),
                    env.optional("SLACK_REDIRECT_URI").orElse(null), apiUrl.orElse(null)));
        }
        return Optional.empty();
    }

    @Override
    public String name() {
        return SlackNotifier.PLATFORM;
    }

    @Override
    public Notifier notifier(TeamService team, IdentityConflicts conflicts) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiUrl());
        config.setStatsEnabled(false);
        // a whole Slack call must end well inside the outbox lease (15 s, 5 s margin), or another node may re-send it
        config.setHttpClientCallTimeoutMillis(8_000);
        slack = Slack.getInstance(config);
        installations = new SlackInstallations(new JooqChatInstallations(database.dsl()), clock);
        clients = new SlackClients(slack, settings, installations);
        people = new SlackPeople(team, clients, conflicts, clock);
        notifier = new SlackNotifier(clients, people, team, new dev.leadline.db.JooqRooms(database.dsl()));
        return notifier;
    }

    @Override
    public void serve(Services services) {
        app = new SlackApp(settings, slack, services.chat(), services.chatFiles(), people, clients, installations,
                new JooqSeenRequests(database.dsl()), clock);
        notifier.onRepNotified(repId -> services.team().rep(repId).ifPresent(app::refreshHomeLater));
    }

    @Override
    public List<Route> routes() {
        if (!app.servesHttp()) {
            return List.of();
        }
        SlackEndpoint endpoint = new SlackEndpoint(app);
        return List.of(new Route("POST", "/slack/events", endpoint::handle), new Route("GET", SlackApp.INSTALL_PATH, endpoint::handle),
                new Route("GET", SlackApp.REDIRECT_PATH, endpoint::handle));
    }

    @Override
    public void connect() {
        if (settings.appToken() != null) {
            app.startSocketMode(settings.appToken());
        }
    }

    @Override
    public void disconnect() {
        if (app != null) {
            app.stopSocketMode();
        }
    }

    @Override
    public void close() {
        if (app != null) {
            app.close();
        }
    }
}
