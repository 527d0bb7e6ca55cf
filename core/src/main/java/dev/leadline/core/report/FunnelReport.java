package dev.leadline.core.report;

import dev.leadline.core.team.TeamService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The funnel of the leads created in the period: how many reached each step (or a later one), the
 * share of the previous step and of all created, the median time from the previous step, and how many
 * were disqualified while at that step (the furthest they had reached), by reason.
 */
final class FunnelReport {
    static final List<String> BY = List.of("none", "source", "campaign", "queue", "rep", "week", "month");
    static final List<String> COLUMNS = List.of("group", "step", "leads", "fromPrevious", "fromCreated", "medianSecondsFromPrevious",
            "disqualified", "disqualifiedReasons");

    private FunnelReport() {}

    static ReportTable of(List<CohortLead> leads, ReportFilter filter, TeamService team, Cells cells) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, List<CohortLead>> groups = Cohort.grouped(leads, filter, team);
        if (groups.isEmpty() && filter.by().equals("none")) {
            groups.put("all", List.of());
        }
        groups.forEach((group, cohort) -> rows.addAll(steps(group, cohort, cells)));
        return new ReportTable("funnel", filter, COLUMNS, rows);
    }

    private static List<Map<String, Object>> steps(String group, List<CohortLead> cohort, Cells cells) {
        List<Map<String, Object>> rows = new ArrayList<>();
        long created = cohort.size();
        long previous = created;
        FunnelStep[] steps = FunnelStep.values();
        for (int i = 0; i < steps.length; i++) {
            FunnelStep step = steps[i];
            List<Duration> fromPrevious = new ArrayList<>();
            long reached = 0;
            for (CohortLead lead : cohort) {
                Instant at = lead.reached(step).orElse(null);
                if (at != null) {
                    reached++;
                    cells.add(Cells.key(group, step.label()), "leads", lead.leadId(), at);
                    if (i > 0) {
                        fromPrevious.add(Duration.between(lead.reached(steps[i - 1]).orElseThrow(), at));
                    }
                }
            }
            Map<String, Long> reasons = new TreeMap<>();
            for (CohortLead lead : cohort) {
                if (lead.disqualifiedStep() == step) {
                    reasons.merge(lead.disqualifiedReason() == null ? Cohort.NONE : lead.disqualifiedReason(), 1L, Long::sum);
                    cells.add(Cells.key(group, step.label()), "disqualified", lead.leadId(), lead.disqualifiedAt(), lead.disqualifiedReason());
                }
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("group", group);
            row.put("step", step.label());
            row.put("leads", reached);
            row.put("fromPrevious", i == 0 ? null : Stats.ratio(reached, previous));
            row.put("fromCreated", Stats.ratio(reached, created));
            row.put("medianSecondsFromPrevious", i == 0 ? null : Stats.percentileSeconds(fromPrevious, 50));
            row.put("disqualified", reasons.values().stream().mapToLong(Long::longValue).sum());
            row.put("disqualifiedReasons", reasons);
            rows.add(row);
            previous = reached;
        }
        return rows;
    }
}
