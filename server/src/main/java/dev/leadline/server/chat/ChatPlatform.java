package dev.leadline.server.chat;

import dev.leadline.core.notify.Notifier;
import dev.leadline.core.team.IdentityConflicts;
import dev.leadline.core.team.TeamService;
import dev.leadline.server.Services;
import io.javalin.http.Handler;
import java.util.List;

/**
 * One chat platform the server hosts: its notifier for the outbox, its bot on the lead desk, the
 * HTTP routes it answers, and any connection of its own. The server knows platforms only through this
 * interface; {@link ChatPlatforms} lists the configured ones.
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
}
