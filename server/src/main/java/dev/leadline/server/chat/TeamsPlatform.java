package dev.leadline.server.chat;

import dev.leadline.core.notify.Notifier;
import dev.leadline.core.team.IdentityConflicts;
import dev.leadline.core.team.TeamService;
import dev.leadline.db.Database;
import dev.leadline.db.JooqChatConversations;
import dev.leadline.db.JooqSeenRequests;
import dev.leadline.server.Services;
import dev.leadline.teams.TeamsApp;
import dev.leadline.teams.TeamsPeople;
import dev.leadline.teams.TeamsSettings;
import java.time.Clock;
import java.util.List;

/** Microsoft Teams: the Bot Framework at {@code POST /api/messages}, and proactive messages for the outbox. */
final class TeamsPlatform implements ChatPlatform {
    private final TeamsSettings settings;
    private final Database database;
    private final Clock clock;
    private TeamsApp app;

    TeamsPlatform(TeamsSettings settings, Database database, Clock clock) {
        this.settings = settings;
        this.database = database;
        this.clock = clock;
    }

    @Override
    public String name() {
        return TeamsPeople.PLATFORM;
    }

    @Override
    public Notifier notifier(TeamService team, IdentityConflicts conflicts) {
        app = new TeamsApp(settings, team, new JooqChatConversations(database.dsl()), conflicts, new JooqSeenRequests(database.dsl()), clock);
        return app.notifier();
    }

    @Override
    public void serve(Services services) {
        app.serve(services.chat());
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
