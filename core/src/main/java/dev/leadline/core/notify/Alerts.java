package dev.leadline.core.notify;

import dev.leadline.core.lead.Lead;
import dev.leadline.core.team.Role;
import dev.leadline.core.team.TeamService;
import java.time.Instant;
import java.util.List;

/** New cards about a lead with a status line: to a rep, to a queue's channels, or to every manager. */
public final class Alerts {
    private final Outbox outbox;
    private final CardAnnouncer cards;
    private final TeamService team;

    public Alerts(Outbox outbox, CardAnnouncer cards, TeamService team) {
        this.outbox = outbox;
        this.cards = cards;
        this.team = team;
    }

    /** Posts the lead's card with {@code status} to {@code to}; {@code suffix} keeps this post apart from the lead's others. */
    public void post(Lead lead, Destination to, String status, String suffix, Instant at) {
        Card card = cards.card(lead, status);
        outbox.enqueue(List.of(new Notification(0, Notification.Kind.POST, lead.id().value(),
                CardAnnouncer.cardKey(lead) + ":" + suffix, to, card, 0, at)), at);
    }

    /** Tells every active manager and admin. */
    public void managers(Lead lead, String status, String suffix, Instant at) {
        team.reps().stream().filter(r -> r.active() && (r.role() == Role.MANAGER || r.role() == Role.ADMIN))
                .forEach(m -> post(lead, Destination.rep(m.id()), status, suffix, at));
    }
}
