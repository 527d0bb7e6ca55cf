package dev.leadline.core.report;

import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.TeamService;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A span of time against the same span a week before, for all queues and for each: leads created,
 * first touches, conversions that stand and disqualifications (the trends report summed).
 */
public final class WeekOverWeek {
    public static final List<String> LABELS = List.of("created", "touched", "converted", "disqualified");
    private static final List<String> COLUMNS = List.of("created", "firstTouches", "conversions", "disqualifications");
    private static final Duration WEEK = Duration.ofDays(7);
    private final Reports reports;
    private final TeamService team;

    /** One line: {@code now} and {@code before} in the order of {@link #LABELS}. */
    public record Row(String name, long[] now, long[] before) {
        public boolean isEmpty() {
            for (int i = 0; i < now.length; i++) {
                if (now[i] != 0 || before[i] != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    public WeekOverWeek(Reports reports, TeamService team) {
        this.reports = reports;
        this.team = team;
    }

    /** Monday 00:00 of the week {@code at} falls in, in {@code zone}. */
    public static Instant monday(Instant at, ZoneId zone) {
        return at.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone).toInstant();
    }

    /** {@code [from, to)} against {@code [from, to)} a week earlier: all queues first, then each queue. */
    public List<Row> byQueue(Instant from, Instant to, ZoneId zone) {
        List<Row> rows = new ArrayList<>();
        rows.add(row("All queues", Optional.empty(), from, to, zone));
        for (LeadQueue queue : team.queues()) {
            rows.add(row(queue.name(), Optional.of(queue), from, to, zone));
        }
        return rows;
    }

    private Row row(String name, Optional<LeadQueue> queue, Instant from, Instant to, ZoneId zone) {
        return new Row(name, totals(filter(from, to, zone, queue)), totals(filter(from.minus(WEEK), to.minus(WEEK), zone, queue)));
    }

    private static ReportFilter filter(Instant from, Instant to, ZoneId zone, Optional<LeadQueue> queue) {
        return new ReportFilter(from, to.equals(from) ? to.plusSeconds(1) : to, zone, "week", Optional.empty(), Optional.empty(), queue,
                Optional.empty());
    }

    private long[] totals(ReportFilter filter) {
        long[] sum = new long[COLUMNS.size()];
        for (Map<String, Object> row : reports.trends(filter).rows()) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += row.get(COLUMNS.get(i)) instanceof Number n ? n.longValue() : 0;
            }
        }
        return sum;
    }
}
