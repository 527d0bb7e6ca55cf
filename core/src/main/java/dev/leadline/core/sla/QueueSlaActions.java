package dev.leadline.core.sla;

import dev.leadline.core.activity.AuditEntry;
import dev.leadline.core.activity.AuditLog;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.claim.ClaimService;
import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.notify.Card;
import dev.leadline.core.notify.CardAnnouncer;
import dev.leadline.core.notify.Destination;
import dev.leadline.core.notify.Notification;
import dev.leadline.core.notify.Outbox;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.Role;
import dev.leadline.core.team.TeamService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * SLA steps done through the queue and the outbox: reminders and manager alerts are new cards;
 * reassignment goes to the next queue member who has not had the lead yet.
 */
public final class QueueSlaActions implements SlaActions {
    static final Actor SLA = new Actor("system", "sla");
    private final Outbox outbox;
    private final CardAnnouncer cards;
    private final TeamService team;
    private final ClaimService claims;
    private final AuditLog audit;

    public QueueSlaActions(Outbox outbox, CardAnnouncer cards, TeamService team, ClaimService claims, AuditLog audit) {
        this.outbox = outbox;
        this.cards = cards;
        this.team = team;
        this.claims = claims;
        this.audit = audit;
    }

    @Override
    public void remind(Lead lead, Duration untouched, Instant at) {
        Destination to = lead.ownerRepId() != null ? Destination.rep(lead.ownerRepId()) : Destination.queue(lead.queueId());
        post(lead, to, "Reminder: untouched for " + words(untouched), "remind-" + at.toEpochMilli(), at);
    }

    @Override
    public boolean reassign(Lead lead, Duration untouched, Instant at) {
        if (lead.queueId() == null) {
            return false;
        }
        Set<Long> hadIt = previousOwners(lead);
        List<Rep> eligible = team.queue(lead.queueId()).stream()
                .flatMap(q -> q.memberRepIds().stream()).sorted()
                .map(team::rep).flatMap(Optional::stream)
                .filter(Rep::active).filter(r -> !hadIt.contains(r.id()))
                .toList();
        long current = lead.ownerRepId() == null ? 0 : lead.ownerRepId();
        Optional<Rep> next = eligible.stream().filter(r -> r.id() > current).findFirst().or(() -> eligible.stream().findFirst());
        if (next.isEmpty()) {
            return false;
        }
        claims.handOver(lead.id(), next.get(), SLA, "untouched for " + words(untouched));
        return true;
    }

    @Override
    public void alertManagers(Lead lead, Duration untouched, Instant at) {
        team.reps().stream().filter(r -> r.active() && (r.role() == Role.MANAGER || r.role() == Role.ADMIN))
                .forEach(m -> post(lead, Destination.rep(m.id()), "SLA alert: untouched for " + words(untouched), "alert-" + at.toEpochMilli(), at));
    }

    private Set<Long> previousOwners(Lead lead) {
        Set<Long> owners = audit.forEntity(LeadJournal.ENTITY, lead.id().toString()).stream()
                .map(AuditEntry::after).map(a -> a.get("ownerRepId")).filter(o -> o != null).map(Long::valueOf)
                .collect(Collectors.toSet());
        Optional.ofNullable(lead.ownerRepId()).ifPresent(owners::add);
        return owners;
    }

    private void post(Lead lead, Destination to, String status, String suffix, Instant at) {
        Card card = cards.card(lead, status);
        outbox.enqueue(List.of(new Notification(0, Notification.Kind.POST, lead.id().value(),
                CardAnnouncer.cardKey(lead) + ":" + suffix, to, card, 0, at)), at);
    }

    static String words(Duration d) {
        long minutes = d.toMinutes();
        return minutes >= 60 ? d.toHours() + " h " + (minutes % 60) + " m" : minutes + " m";
    }
}
