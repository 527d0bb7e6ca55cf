package dev.leadline.server.chat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.leadline.core.notify.Notifier;
import dev.leadline.core.team.IdentityConflicts;
import dev.leadline.core.team.TeamService;
import dev.leadline.server.ChatWiring;
import dev.leadline.server.Services;
import dev.leadline.server.notify.LogNotifier;
import dev.leadline.db.Database;
import dev.leadline.db.JooqChatConversations;
import dev.leadline.db.JooqChatInstallations;
import dev.leadline.db.JooqSeenRequests;
import dev.leadline.slack.SlackApp;
import dev.leadline.slack.SlackClients;
import dev.leadline.slack.SlackInstallations;
import dev.leadline.slack.SlackModals;
import dev.leadline.slack.SlackNotifier;
import dev.leadline.slack.SlackPeople;
import dev.leadline.slack.SlackSettings;
import dev.leadline.teams.TeamsApp;
import dev.leadline.teams.TeamsPeople;
import dev.leadline.teams.TeamsSettings;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The chat platforms this server talks to, as configured: Slack when its token and signing secret
 * are set, Teams when its app is registered, both when both are; with neither, cards go to the log.
 */
public final class ChatPlatforms implements ChatWiring {
    private final Optional<SlackSettings> slackSettings;
    private final Optional<TeamsSettings> teamsSettings;
    private final Database database;
    private final Clock clock;
    private Slack slack;
    private SlackPeople people;
    private SlackNotifier notifier;
    private SlackClients clients;
    private SlackInstallations installations;
    private TeamsApp teams;

    public ChatPlatforms(Optional<SlackSettings> slackSettings, Optional<TeamsSettings> teamsSettings, Database database, Clock clock) {
        this.slackSettings = slackSettings;
        this.teamsSettings = teamsSettings;
        this.database = database;
        this.clock = clock;
    }

    /** The configured platforms' names, in the order of {@link #notifiers}; {@code log} when there is none. */
    @Override
    public List<String> platforms() {
        List<String> names = new java.util.ArrayList<>();
        teamsSettings.ifPresent(settings -> names.add(TeamsPeople.PLATFORM));
        slackSettings.ifPresent(settings -> names.add(SlackNotifier.PLATFORM));
        return names.isEmpty() ? List.of(LogNotifier.PLATFORM) : List.copyOf(names);
    }

    /** The notifiers the outbox delivers through. */
    @Override
    public List<Notifier> notifiers(TeamService team, IdentityConflicts conflicts) {
        List<Notifier> notifiers = new java.util.ArrayList<>();
        teamsSettings.ifPresent(settings -> {
            teams = new TeamsApp(settings, team, new JooqChatConversations(database.dsl()), conflicts,
                    new JooqSeenRequests(database.dsl()), clock);
            notifiers.add(teams.notifier());
        });
        slackSettings.ifPresent(settings -> notifiers.add(slackNotifier(team, conflicts)));
        return notifiers.isEmpty() ? List.of(new LogNotifier()) : notifiers;
    }

    private Notifier slackNotifier(TeamService team, IdentityConflicts conflicts) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(slackSettings.get().apiUrl());
        config.setStatsEnabled(false);
        // a whole Slack call must end well inside the outbox lease (15 s, 5 s margin), or another node may re-send it
        config.setHttpClientCallTimeoutMillis(8_000);
        slack = Slack.getInstance(config);
        installations = new SlackInstallations(new JooqChatInstallations(database.dsl()), clock);
        clients = new SlackClients(slack, slackSettings.get(), installations);
        people = new SlackPeople(team, clients, conflicts, clock);
        notifier = new SlackNotifier(clients, people, team);
        return notifier;
    }

    /** The Teams bot, when Teams is configured (after {@link #notifiers}), answering with the desk. */
    public Optional<TeamsApp> teamsApp(Services services) {
        return Optional.ofNullable(teams).map(app -> {
            app.serve(services.chat());
            return app;
        });
    }

    /**
     * The Slack app, when Slack is configured (after {@link #notifiers}); the server connects it over
     * Socket Mode when an app token is set and serves it at {@code POST /slack/events} when a signing
     * secret is.
     */
    public Optional<SlackApp> slackApp(Services services) {
        return slackSettings.map(settings -> {
            SlackApp app = new SlackApp(settings, slack, services.chat(), people, clients, installations,
                    new SlackModals(services.chat()::disqualifyReasons), new JooqSeenRequests(database.dsl()), clock);
            notifier.onRepNotified(repId -> services.team().rep(repId).ifPresent(app::refreshHomeLater));
            return app;
        });
    }
}
