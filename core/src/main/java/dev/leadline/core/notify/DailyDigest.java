package dev.leadline.core.notify;

import dev.leadline.core.common.Transactor;
import dev.leadline.core.lead.LeadQuery;
import dev.leadline.core.lead.LeadService;
import dev.leadline.core.lead.LeadView;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each rep's 9:00 digest, in the rep's own time zone: overdue, due today, meetings ahead and leads
 * not contacted yet. Sent once a day (the mark commits with the notification); nothing is sent on a
 * day with nothing to say.
 */
public final class DailyDigest {
    public static final LocalTime AT = LocalTime.of(9, 0);
    private static final List<LeadView> VIEWS = List.of(LeadView.OVERDUE, LeadView.DUE_TODAY, LeadView.MEETING_SCHEDULED,
            LeadView.NOT_CONTACTED);

    private final RepCards cards;
    private final TeamService team;
    private final LeadService leads;
    private final DigestLog log;
    private final Clock clock;

    public DailyDigest(Transactor transactor, TeamService team, LeadService leads, DigestLog log, Outbox outbox, Clock clock) {
        this.cards = new RepCards(transactor, outbox);
        this.team = team;
        this.leads = leads;
        this.log = log;
        this.clock = clock;
    }

    /** Sends the digests that are due now; returns how many were sent. */
    public int run() {
        Instant now = clock.instant();
        int sent = 0;
        for (Rep rep : team.reps()) {
            ZonedDateTime local = now.atZone(rep.timeZone());
            LocalDate today = local.toLocalDate();
            if (!rep.active() || local.toLocalTime().isBefore(AT) || log.lastSent(rep.id()).filter(d -> !d.isBefore(today)).isPresent()) {
                continue;
            }
            boolean posted = cards.postOnce(rep, () -> log.markSent(rep.id(), today), () -> {
                Map<LeadView, Long> counts = leads.counts(LeadQuery.at(now, rep.timeZone()).withOwner(Optional.of(rep.id())));
                List<Card.Field> fields = new ArrayList<>();
                VIEWS.forEach(v -> Optional.ofNullable(counts.get(v)).filter(c -> c > 0)
                        .ifPresent(c -> fields.add(new Card.Field(v.label(), c.toString()))));
                return fields.isEmpty() ? Optional.empty() : Optional.of(new Card(null, "Your leads on " + today, rep.name(),
                        "Good morning, " + rep.name(), fields,
                        List.of(new CardAction.ShowView("Overdue", "overdue"), new CardAction.ShowView("Due today", "due-today"))));
            }, "digest:" + rep.id() + ":" + today, now);
            if (posted) {
                sent++;
            }
        }
        return sent;
    }
}
