package dev.leadline.core.chat;

import dev.leadline.core.report.ReportFilter;
import dev.leadline.core.report.WeekOverWeek;
import dev.leadline.core.report.Reports;
import dev.leadline.core.team.Permissions;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reports in chat, this week so far against the same span of last week (weeks from Monday, in the
 * asking rep's time zone): {@code leads stats} gives a rep their own numbers, {@code leads report}
 * gives a manager the team's, queue by queue. The numbers are the REST reports' ({@link Reports}).
 */
public final class ChatReports {
    private final Reports reports;
    private final TeamService team;
    private final Clock clock;

    public ChatReports(Reports reports, TeamService team, Clock clock) {
        this.reports = reports;
        this.team = team;
        this.clock = clock;
    }

    /** This week so far, and the same span of last week, in the rep's time zone. */
    record Weeks(ReportFilter now, ReportFilter before) {
        static Weeks of(Rep rep, Instant at) {
            Instant monday = WeekOverWeek.monday(at, rep.timeZone());
            Instant to = at.equals(monday) ? at.plusSeconds(1) : at;
            Duration week = Duration.ofDays(7);
            return new Weeks(new ReportFilter(monday, to, rep.timeZone(), "rep", Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of(rep)), new ReportFilter(monday.minus(week), to.minus(week), rep.timeZone(), "rep", Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.of(rep)));
        }
    }

    /** The rep's own numbers. */
    public ChatReply stats(Rep rep) {
        Weeks weeks = Weeks.of(rep, clock.instant());
        Map<String, Object> now = reports.reps(weeks.now()).rows().get(0);
        Map<String, Object> before = reports.reps(weeks.before()).rows().get(0);
        Rich reply = Rich.of("Your week so far, against the same days last week:");
        for (String[] column : new String[][] {{"claimed", "claimed"}, {"contactAttempts", "contact attempts"},
                {"meetingsBooked", "meetings booked"}, {"meetingsHeld", "meetings held"}, {"qualified", "qualified"},
                {"converted", "converted"}, {"disqualified", "disqualified"}, {"slaBreaches", "SLA steps on your leads"}}) {
            reply = reply.item().bold(count(now.get(column[0])) + " " + column[1]).text(versus(count(now.get(column[0])),
                    count(before.get(column[0]))));
        }
        reply = reply.item().text("median time to first touch ").bold(duration(now.get("medianSecondsToFirstTouch")))
                .text(" (last week " + duration(before.get("medianSecondsToFirstTouch")) + ")");
        return ChatReply.text(reply.line().text("Open now: " + count(now.get("overdueTasks")) + " with an overdue task, "
                + count(now.get("noUpcoming")) + " with nothing booked."));
    }

    /** The team's numbers by queue, for managers. */
    public ChatReply report(Rep rep) {
        if (!Permissions.isManager(rep)) {
            return ChatReply.refused(Rich.of("Only managers get the team report; ").code("leads stats").text(" shows your own numbers."));
        }
        Instant now = clock.instant();
        return ChatReply.text(lines(Rich.of("The week so far, against the same days last week (leads created, first touches, conversions, "
                + "disqualifications):"), new WeekOverWeek(reports, team).byQueue(WeekOverWeek.monday(now, rep.timeZone()), now, rep.timeZone())));
    }

    /** One item per row: "Inbound: 3 created (+1 on last week), ...". */
    public static Rich lines(Rich reply, List<WeekOverWeek.Row> rows) {
        for (WeekOverWeek.Row row : rows) {
            reply = reply.item().bold(row.name()).text(": ");
            for (int i = 0; i < WeekOverWeek.LABELS.size(); i++) {
                reply = reply.text((i == 0 ? "" : ", ") + row.now()[i] + " " + WeekOverWeek.LABELS.get(i) + versus(row.now()[i], row.before()[i]));
            }
        }
        return reply;
    }

    /** A number, or the sum of a map of counts (disqualified by reason, SLA steps by step). */
    private static long count(Object cell) {
        if (cell instanceof Number n) {
            return n.longValue();
        }
        if (cell instanceof Map<?, ?> counts) {
            return counts.values().stream().mapToLong(ChatReports::count).sum();
        }
        return 0;
    }

    static String versus(long now, long before) {
        return now == before ? " (same as last week)" : " (" + (now > before ? "+" : "−") + Math.abs(now - before) + " on last week)";
    }

    private static String duration(Object seconds) {
        if (!(seconds instanceof Number n)) {
            return "none yet";
        }
        long s = n.longValue();
        return s < 60 ? s + " s" : s < 3600 ? s / 60 + " min" : s / 3600 + " h " + s % 3600 / 60 + " min";
    }
}
