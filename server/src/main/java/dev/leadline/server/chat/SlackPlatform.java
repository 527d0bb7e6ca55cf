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

/**
 * Slack: the notifier posts with the Web API; the Bolt app answers {@code POST /slack/events} (and,
 * for many workspaces, the install and OAuth redirect pages) when a signing secret is set, and
 * connects over Socket Mode when an app token is.
 */
final class SlackPlatform implements ChatPlatform {
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
        notifier = new SlackNotifier(clients, people, team);
        return notifier;
    }

    @Override
    public void serve(Services services) {
        app = new SlackApp(settings, slack, services.chat(), people, clients, installations,
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
