package dev.leadline.server;

import dev.leadline.core.notify.Notifier;
import dev.leadline.core.team.IdentityConflicts;
import dev.leadline.core.team.TeamService;
import java.util.List;

/**
 * The chat platforms as the services need them: their names first (the outbox keeps a delivery for
 * each), then their notifiers, which look reps up and report identity conflicts.
 */
public interface ChatWiring {
    List<String> platforms();

    List<Notifier> notifiers(TeamService team, IdentityConflicts conflicts);
}
