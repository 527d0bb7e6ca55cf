package dev.leadline.core.notify;

import dev.leadline.core.common.Transactor;
import dev.leadline.core.report.WeekOverWeek;
import dev.leadline.core.team.Permissions;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Each manager's Monday card, from 9:00 in the manager's own time zone: last week against the week
 * before, for all queues and each (leads created, first touches, conversions, disqualifications). Sent
 * once a week (the mark commits with the notification); skipped when every number is zero.
 */
public final class WeeklySummary {
    private final RepCards cards;
    private final TeamService team;
    private final WeekOverWeek weeks;
    private final DigestLog log;
    private final Clock clock;

    public WeeklySummary(Transactor transactor, TeamService team, WeekOverWeek weeks, DigestLog log, Outbox outbox, Clock clock) {
        this.cards = new RepCards(transactor, outbox);
        this.team = team;
        this.weeks = weeks;
        this.log = log;
        this.clock = clock;
    }

    /** Sends the summaries that are due now; returns how many were sent. */
    public int run() {
        Instant now = clock.instant();
        int sent = 0;
        for (Rep rep : team.reps()) {
            ZonedDateTime local = now.atZone(rep.timeZone());
            Instant monday = WeekOverWeek.monday(now, rep.timeZone());
            LocalDate week = monday.atZone(rep.timeZone()).toLocalDate();
            boolean due = local.getDayOfWeek() != DayOfWeek.MONDAY || !local.toLocalTime().isBefore(DailyDigest.AT);
            if (!rep.active() || !Permissions.isManager(rep) || !due || log.lastWeekly(rep.id()).filter(d -> !d.isBefore(week)).isPresent()) {
                continue;
            }
            boolean posted = cards.postOnce(rep, () -> log.markWeekly(rep.id(), week), () -> {
                List<WeekOverWeek.Row> rows = weeks.byQueue(monday.minus(Duration.ofDays(7)), monday, rep.timeZone());
                List<Card.Field> fields = new ArrayList<>();
                rows.stream().filter(r -> !r.isEmpty()).forEach(r -> fields.add(new Card.Field(r.name(), figures(r))));
                return fields.isEmpty() ? Optional.empty() : Optional.of(new Card(null, "Last week, " + week.minusDays(7) + " to "
                        + week.minusDays(1), rep.name(), "Against the week before: leads created, first touches, conversions, disqualifications",
                        fields, List.of()));
            }, "weekly:" + rep.id() + ":" + week, now);
            if (posted) {
                sent++;
            }
        }
        return sent;
    }

    private static String figures(WeekOverWeek.Row row) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < WeekOverWeek.LABELS.size(); i++) {
            long now = row.now()[i];
            long before = row.before()[i];
            parts.add(now + " " + WeekOverWeek.LABELS.get(i) + (now == before ? "" : " (" + (now > before ? "+" : "−") + Math.abs(now - before) + ")"));
        }
        return String.join(", ", parts);
    }
}
