package dev.leadline.core.report;

import dev.leadline.core.team.TeamService;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Of the leads created in the period, by group: how many, how many are converted now (undone conversions are not), the rate, and the opportunities' amount. */
final class ConversionReport {
    static final List<String> BY = List.of("source", "campaign", "queue", "rep", "week", "month");
    static final List<String> COLUMNS = List.of("group", "leads", "converted", "rate", "amount");

    private ConversionReport() {}

    static ReportTable of(List<CohortLead> leads, ReportFilter filter, TeamService team, Cells cells) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Cohort.grouped(leads, filter, team).forEach((group, cohort) -> {
            List<CohortLead> converted = cohort.stream().filter(CohortLead::converted).toList();
            cohort.forEach(l -> cells.add(group, "leads", l.leadId(), l.createdAt()));
            converted.forEach(l -> cells.add(group, "converted", l.leadId(), l.convertedAt()));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("group", group);
            row.put("leads", (long) cohort.size());
            row.put("converted", (long) converted.size());
            row.put("rate", Stats.ratio(converted.size(), cohort.size()));
            row.put("amount", Stats.amount(converted.stream().map(CohortLead::convertedAmount).filter(a -> a != null)
                    .reduce(BigDecimal.ZERO, BigDecimal::add)));
            rows.add(row);
        });
        return new ReportTable("conversion", filter, COLUMNS, rows);
    }
}
