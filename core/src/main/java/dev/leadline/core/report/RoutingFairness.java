package dev.leadline.core.report;

import dev.leadline.core.team.TeamService;
import java.util.List;

/**
 * The routing fairness report and its drill-down, counted from routing's stored decisions (see
 * {@code docs/reports.md}), so that changing a queue's weights or members later does not rewrite the past.
 */
public final class RoutingFairness {
    /** The most skips one page lists. */
    public static final int MAX_SKIPS = 1000;
    private final RoutingHistory history;
    private final TeamService team;
    private final java.util.Optional<TallyReports> tallies;

    /** Counted from every decision of the period, each time. */
    public RoutingFairness(RoutingHistory history, TeamService team) {
        this.history = history;
        this.team = team;
        this.tallies = java.util.Optional.empty();
    }

    /** Read from the kept sums of the decisions' tallies (as {@code reports} reads them). */
    public RoutingFairness(RoutingHistory history, TeamService team, Reports reports) {
        this.history = history;
        this.team = team;
        this.tallies = reports.tallies();
    }

    /** Per queue, period and member: leads handed out against the member's weight, and skips by reason. */
    public ReportTable fairness(ReportFilter filter) {
        return tallies.flatMap(t -> t.fairness(filter, history))
                .orElseGet(() -> FairnessReport.of(history.decisionsBetween(filter.from(), filter.to()), filter, team, Cells.NONE));
    }

    /** The decisions behind one cell of the fairness report (a member's row in a queue and period): their leads, as counted. */
    List<ReportLeads.Behind> behind(ReportFilter filter, String row, String column) {
        Cells.Keeping cells = Cells.keeping(row, column);
        FairnessReport.of(history.decisionsBetween(filter.from(), filter.to()), filter, team, cells);
        return cells.kept;
    }

    /**
     * The leads members were skipped for, newest first, {@code limit} (at most {@link #MAX_SKIPS}) after
     * {@code offset}; one row more than {@code limit} when there are more.
     */
    public ReportTable skips(ReportFilter filter, int offset, int limit) {
        return FairnessReport.skips(history.decisionsBetween(filter.from(), filter.to()), filter, team, offset, Math.min(limit, MAX_SKIPS));
    }
}
