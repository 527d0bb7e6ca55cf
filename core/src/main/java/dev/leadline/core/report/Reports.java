package dev.leadline.core.report;

import dev.leadline.core.common.Transactor;
import dev.leadline.core.lead.LeadQuery;
import dev.leadline.core.lead.LeadService;
import dev.leadline.core.lead.LeadView;
import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The funnel, conversion, rep and trend reports, counted from the facts of the leads' histories (see
 * {@code docs/reports.md} for what each number means).
 */
public final class Reports {
    /** The reports by name, each with the groupings it knows (the first is its default). */
    public static final Map<String, List<String>> GROUPINGS = Map.of("funnel", FunnelReport.BY, "conversion", ConversionReport.BY,
            "reps", RepReport.BY, "trends", TrendReport.BY, "fairness", FairnessReport.BY, "fairness-skips", List.of("none"),
            "quality", QualityReport.BY);

    private final LeadEvents events;
    private final TeamService team;
    private final LeadService leads;
    private final Clock clock;
    private final Optional<TallyReports> tallies;

    /** Reports counted from every fact of the period, each time. */
    public Reports(LeadEvents events, TeamService team, LeadService leads, Clock clock) {
        this(events, Optional.empty(), team, leads, clock);
    }

    /** Reports read from the kept sums of the leads' tallies, and from every fact while those are still being worked out. */
    public Reports(LeadEvents events, Rollups rollups, Transactor transactor, TeamService team, LeadService leads, Clock clock) {
        this(events, Optional.of(new TallyReports(rollups, events, transactor, team)), team, leads, clock);
    }

    private Reports(LeadEvents events, Optional<TallyReports> tallies, TeamService team, LeadService leads, Clock clock) {
        this.events = events;
        this.tallies = tallies;
        this.team = team;
        this.leads = leads;
        this.clock = clock;
    }

    Optional<TallyReports> tallies() {
        return tallies;
    }

    /** A duration of {@code seconds} as reports state it: the first second of its step, at most 5 % under it (see {@code docs/reports.md}). */
    public static long reportedSeconds(long seconds) {
        return Stats.step(seconds);
    }

    public ReportTable funnel(ReportFilter filter) {
        return tallies.flatMap(t -> t.funnel(filter)).orElseGet(() -> FunnelReport.of(cohort(filter), filter, team, Cells.NONE));
    }

    public ReportTable conversion(ReportFilter filter) {
        return tallies.flatMap(t -> t.conversion(filter)).orElseGet(() -> ConversionReport.of(cohort(filter), filter, team, Cells.NONE));
    }

    private List<CohortLead> cohort(ReportFilter filter) {
        return events.createdBetween(filter.from(), filter.to(), filter.queue().map(LeadQueue::id), filter.rep().map(Rep::id));
    }

    public ReportTable trends(ReportFilter filter) {
        return tallies.flatMap(t -> t.trends(filter))
                .orElseGet(() -> TrendReport.of(events.historiesBetween(filter.from(), filter.to()), filter, Cells.NONE));
    }

    /** One row per active rep, or only the rep asked for. */
    public ReportTable reps(ReportFilter filter) {
        List<Rep> reps = filter.rep().map(List::of).orElseGet(() -> team.reps().stream().filter(Rep::active).toList());
        Optional<Map<Long, TallyReports.Sums>> sums = tallies.flatMap(t -> t.reps(filter));
        if (sums.isPresent()) {
            Map<Long, MeetingFact.Counts> meetings = events.meetingCounts(filter.from(), filter.to());
            Map<Long, RepReport.OpenWork> open = openWork(reps);
            return new ReportTable("reps", filter, RepReport.COLUMNS, reps.stream().map(rep -> RepReport.row(rep,
                    sums.get().getOrDefault(rep.id(), TallyReports.Sums.NONE), meetings.getOrDefault(rep.id(), MeetingFact.Counts.NONE),
                    open.get(rep.id()))).toList());
        }
        List<MeetingFact> meetings = events.meetingsBetween(filter.from(), filter.to());
        List<LeadHistory> histories = events.historiesBetween(filter.from(), filter.to());
        Map<Long, RepReport.OpenWork> open = openWork(reps);
        return new ReportTable("reps", filter, RepReport.COLUMNS,
                reps.stream().map(rep -> RepReport.row(rep, histories, meetings, filter, open.get(rep.id()), Cells.NONE)).toList());
    }

    /**
     * The leads behind one cell of the funnel, conversion, reps or trends report, counted by the report's
     * own code: as many as the cell's number. The reps report's row is the rep of {@code filter}.
     */
    List<ReportLeads.Behind> behind(String report, ReportFilter filter, String row, String column) {
        Cells.Keeping cells = Cells.keeping(row, column);
        switch (report) {
            case "funnel" -> FunnelReport.of(cohort(filter), filter, team, cells);
            case "conversion" -> ConversionReport.of(cohort(filter), filter, team, cells);
            case "trends" -> TrendReport.of(events.historiesBetween(filter.from(), filter.to()), filter, cells);
            case "reps" -> RepReport.row(filter.rep().orElseThrow(), events.historiesBetween(filter.from(), filter.to()),
                    events.meetingsBetween(filter.from(), filter.to()), filter, new RepReport.OpenWork(0, 0), cells);
            default -> throw new IllegalArgumentException("no leads behind the " + report + " report here");
        }
        return cells.kept;
    }

    /**
     * What each of these reps has open now, counted for all of them at once: their leads with an overdue
     * task, and their open leads with no task or meeting ahead (whoever planned it).
     */
    private Map<Long, RepReport.OpenWork> openWork(List<Rep> reps) {
        LeadQuery all = LeadQuery.at(clock.instant(), java.time.ZoneOffset.UTC);
        List<Long> ids = reps.stream().map(Rep::id).toList();
        Map<Long, Long> overdue = leads.countByOwner(all.withView(LeadView.OVERDUE), ids);
        Map<Long, Long> noUpcoming = leads.countByOwner(all.withView(LeadView.NO_UPCOMING), ids);
        Map<Long, RepReport.OpenWork> out = new java.util.HashMap<>();
        ids.forEach(id -> out.put(id, new RepReport.OpenWork(overdue.getOrDefault(id, 0L), noUpcoming.getOrDefault(id, 0L))));
        return out;
    }

}
