package dev.leadline.server.chat;

import dev.leadline.core.notify.Notifier;
import dev.leadline.core.team.IdentityConflicts;
import dev.leadline.core.team.TeamService;
import dev.leadline.db.Database;
import dev.leadline.server.ChatWiring;
import dev.leadline.server.Services;
import dev.leadline.server.notify.LogNotifier;
import java.time.Clock;
import java.util.List;

/**
 * The chat platforms this server knows, each configured by its own section of the environment, and
 * those it hosts: a list of {@link ChatPlatform}s that the wiring, the HTTP routes and start and stop go
 * through without naming any. Without one, cards go to the log.
 */
public final class ChatPlatforms implements ChatWiring, AutoCloseable {
    /** Every platform's section, in the order the outbox delivers to them. The one place that names them. */
    static final List<ChatPlatform.Section<?>> SECTIONS = List.of(TeamsPlatform.SECTION, SlackPlatform.SECTION, MattermostPlatform.SECTION);

    private final List<ChatPlatform> platforms;

    public ChatPlatforms(List<ChatPlatform> platforms) {
        this.platforms = List.copyOf(platforms);
    }

    /** Reads every platform's section: the setups of those the environment configures, in the order of {@link #SECTIONS}. */
    public static List<ChatPlatform.Setup<?>> read(ChatEnvironment env) {
        return SECTIONS.stream().<ChatPlatform.Setup<?>>flatMap(section -> section.read(env).stream()).toList();
    }

    /** The platforms the setups configure. */
    public static ChatPlatforms configured(List<ChatPlatform.Setup<?>> setups, Database database, Clock clock) {
        return new ChatPlatforms(setups.stream().map(setup -> setup.make(database, clock)).toList());
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
