package dev.leadline.server.chat;

import dev.leadline.core.notify.Notifier;
import dev.leadline.core.team.IdentityConflicts;
import dev.leadline.core.team.TeamService;
import dev.leadline.db.Database;
import dev.leadline.server.Services;
import io.javalin.http.Handler;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One chat platform the server hosts: its notifier for the outbox, its bot on the lead desk, the
 * HTTP routes it answers, and any connection of its own. Each platform reads its own {@link Section} of
 * the environment. The server knows platforms only through this interface; {@link ChatPlatforms} lists
 * the known sections and the configured platforms.
 */
public interface ChatPlatform {
    /** Its name in the outbox and in reps' chat identities, e.g. {@code slack}. */
    String name();

    /** Its notifier, made once the team is known (it looks reps and queues up); called once, first. */
    Notifier notifier(TeamService team, IdentityConflicts conflicts);

    /** Builds its bot on the wired services (after {@link #notifier}). */
    void serve(Services services);

    /** The HTTP routes it answers (after {@link #serve}). */
    List<Route> routes();

    /** Starts taking work that does not come over HTTP (Slack's Socket Mode). */
    default void connect() {}

    /** Stops taking new work; what was taken may finish. */
    default void disconnect() {}

    /** Releases what it holds (after {@link #disconnect}). */
    void close();

    /** An HTTP route: {@code GET} or {@code POST}, a path, and what answers it. */
    record Route(String method, String path, Handler handler) {}

    /**
     * A platform's section of the environment: the platform's name, how its variables are read into its
     * settings (none when they are unset; problems go to the environment), and how it is made from them.
     */
    record Section<S>(String name, Function<ChatEnvironment, Optional<S>> reader, Factory<S> factory) {
        /** The platform's setup, when the environment configures it. */
        public Optional<Setup<S>> read(ChatEnvironment env) {
            return reader.apply(env).map(settings -> new Setup<>(this, settings));
        }
    }

    /** Makes a platform from its settings, once the database is open. */
    interface Factory<S> {
        ChatPlatform make(S settings, Database database, Clock clock);
    }

    /** A platform as the environment configures it: its section and the settings read from it. */
    record Setup<S>(Section<S> section, S settings) {
        public ChatPlatform make(Database database, Clock clock) {
            return section.factory().make(settings, database, clock);
        }

        /** The settings of the given type among the setups, e.g. Teams' for its app package; empty when that platform is not set up. */
        public static <T> Optional<T> find(List<Setup<?>> setups, Class<T> type) {
            return setups.stream().map(Setup::settings).filter(type::isInstance).map(type::cast).findFirst();
        }
    }
}
