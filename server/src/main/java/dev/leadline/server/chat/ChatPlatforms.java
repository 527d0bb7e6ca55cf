package dev.leadline.server.chat;

import dev.leadline.core.notify.Notifier;
import dev.leadline.core.team.IdentityConflicts;
import dev.leadline.core.team.TeamService;
import dev.leadline.db.Database;
import dev.leadline.server.ChatWiring;
import dev.leadline.server.Services;
import dev.leadline.server.config.Config;
import dev.leadline.server.notify.LogNotifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The chat platforms this server hosts, as configured (Teams when its app id is set, Slack when its
 * token and signing secret or app token are, Mattermost when its server and bot token are): a list of {@link ChatPlatform}s that the wiring, the
 * HTTP routes and start and stop go through without naming any. Without one, cards go to the log.
 */
public final class ChatPlatforms implements ChatWiring, AutoCloseable {
    private final List<ChatPlatform> platforms;

    public ChatPlatforms(List<ChatPlatform> platforms) {
        this.platforms = List.copyOf(platforms);
    }

    /** The platforms the configuration sets up. */
    public static ChatPlatforms configured(Config config, Database database, Clock clock) {
        List<ChatPlatform> platforms = new ArrayList<>();
        config.teams().ifPresent(settings -> platforms.add(new TeamsPlatform(settings, database, clock)));
        config.slack().ifPresent(settings -> platforms.add(new SlackPlatform(settings, database, clock)));
        config.mattermost().ifPresent(settings -> platforms.add(new MattermostPlatform(settings)));
        return new ChatPlatforms(platforms);
    }

    /** The configured platforms' names, in the order of {@link #notifiers}; {@code log} when there is none. */
    @Override
    public List<String> platforms() {
        return platforms.isEmpty() ? List.of(LogNotifier.PLATFORM) : platforms.stream().map(ChatPlatform::name).toList();
    }

    /** The notifiers the outbox delivers through. */
    @Override
    public List<Notifier> notifiers(TeamService team, IdentityConflicts conflicts) {
        return platforms.isEmpty() ? List.of(new LogNotifier()) : platforms.stream().map(p -> p.notifier(team, conflicts)).toList();
    }

    /** Builds every platform's bot on the wired services. */
    public void serve(Services services) {
        platforms.forEach(p -> p.serve(services));
    }

    /** Every platform's HTTP routes. */
    public List<ChatPlatform.Route> routes() {
        return platforms.stream().flatMap(p -> p.routes().stream()).toList();
    }

    /** Starts what does not come over HTTP (Socket Mode). */
    public void connect() {
        platforms.forEach(ChatPlatform::connect);
    }

    /** Stops taking new chat work on every platform. */
    public void disconnect() {
        platforms.forEach(ChatPlatform::disconnect);
    }

    @Override
    public void close() {
        platforms.forEach(ChatPlatform::close);
    }
}
