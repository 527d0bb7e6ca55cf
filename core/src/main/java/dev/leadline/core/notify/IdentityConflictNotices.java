package dev.leadline.core.notify;

import dev.leadline.core.team.IdentityConflicts;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.Role;
import dev.leadline.core.team.TeamService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every active manager and admin, in chat, that someone tried to act as a rep from another chat
 * account. One card per rep, platform and account: a second try edits it rather than posting again.
 */
public final class IdentityConflictNotices implements IdentityConflicts {
    private static final Logger log = LoggerFactory.getLogger(IdentityConflictNotices.class);
    private final Outbox outbox;
    private final TeamService team;
    private final Clock clock;

    public IdentityConflictNotices(Outbox outbox, TeamService team, Clock clock) {
        this.outbox = outbox;
        this.team = team;
        this.clock = clock;
    }

    @Override
    public void refused(Rep rep, String platform, String linked, String claimed) {
        log.warn("{} user {} has {}'s email but {} is linked to {} there; nothing was changed", platform, claimed, rep.email(), rep.email(), linked);
        Instant now = clock.instant();
        String status = "Someone on " + platform + " (user " + claimed + ") has the email of " + rep.name() + " <" + rep.email() + ">, who uses "
                + platform + " user " + linked + ". Nothing was changed and they could not act as " + rep.name()
                + ". If the account really changed, set it in leadline.yml (reps[].chatIdentities)";
        Card card = new Card(null, "Chat account not linked: " + rep.name(), null, status, List.of(), List.of());
        String key = "identity:" + platform + ":" + rep.id() + ":" + claimed;
        List<Notification> notices = team.reps().stream().filter(r -> r.active() && (r.role() == Role.MANAGER || r.role() == Role.ADMIN))
                .map(m -> new Notification(0, Notification.Kind.POST, null, key, Destination.rep(m.id()), card, 0, now)).toList();
        if (!notices.isEmpty()) {
            outbox.enqueue(notices, now);
        }
    }
}
