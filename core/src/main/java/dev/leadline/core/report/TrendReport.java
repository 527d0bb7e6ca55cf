package dev.leadline.core.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Daily or weekly series, days and weeks (from Monday) counted in the report's time zone: leads created
 * (all and by source; narrowed like the cohort reports), first touches, conversions that stand and
 * disqualifications (narrowed by the rep and queue the lead was with at the time).
 */
final class TrendReport {
    static final List<String> BY = List.of("day", "week");
    static final List<String> COLUMNS = List.of("period", "created", "createdBySource", "firstTouches", "conversions", "disqualifications");

    private TrendReport() {}

    static ReportTable of(List<LeadHistory> leads, ReportFilter filter, Cells cells) {
        Map<LocalDate, Bucket> buckets = new TreeMap<>();
        LocalDate last = filter.to().minusNanos(1).atZone(filter.zone()).toLocalDate();
        for (LocalDate d = bucket(filter.from(), filter); !d.isAfter(last); d = d.plusDays(filter.by().equals("week") ? 7 : 1)) {
            buckets.put(d, new Bucket());
        }
        for (LeadHistory lead : leads) {
            if (Cohort.matches(lead, filter)) {
                LocalDate day = bucket(lead.createdAt(), filter);
                Bucket b = buckets.get(day);
                b.created++;
                cells.add(day.toString(), "created", lead.leadId(), lead.createdAt());
                b.bySource.merge(lead.source() == null || lead.source().isBlank() ? Cohort.NONE : lead.source(), 1L, Long::sum);
            }
            if (!Cohort.sameLead(lead, filter)) {
                continue;
            }
            for (LeadEvent e : lead.events()) {
                if (!RepReport.inPeriod(e.at(), filter) || !atTheTime(e, filter)) {
                    continue;
                }
                String day = bucket(e.at(), filter).toString();
                Bucket b = buckets.get(bucket(e.at(), filter));
                if (e.kind() == EventKind.TOUCHED) {
                    b.touches++;
                    cells.add(day, "firstTouches", lead.leadId(), e.at());
                } else if (e.kind() == EventKind.CONVERTED && lead.conversion().filter(e::equals).isPresent()) {
                    b.conversions++;
                    cells.add(day, "conversions", lead.leadId(), e.at());
                } else if (e.kind() == EventKind.DISQUALIFIED && !lead.mergedAway()) {
                    b.disqualifications++;
                    cells.add(day, "disqualifications", lead.leadId(), e.at(), e.detail());
                }
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        buckets.forEach((day, b) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("period", day.toString());
            row.put("created", b.created);
            row.put("createdBySource", b.bySource);
            row.put("firstTouches", b.touches);
            row.put("conversions", b.conversions);
            row.put("disqualifications", b.disqualifications);
            rows.add(row);
        });
        return new ReportTable("trends", filter, COLUMNS, rows);
    }

    private static boolean atTheTime(LeadEvent e, ReportFilter filter) {
        return filter.rep().map(r -> Long.valueOf(r.id()).equals(e.repId())).orElse(true)
                && filter.queue().map(q -> Long.valueOf(q.id()).equals(e.queueId())).orElse(true);
    }

    private static LocalDate bucket(Instant at, ReportFilter filter) {
        LocalDate day = at.atZone(filter.zone()).toLocalDate();
        return filter.by().equals("week") ? Cohort.week(day) : day;
    }

    private static final class Bucket {
        long created;
        long touches;
        long conversions;
        long disqualifications;
        final Map<String, Long> bySource = new TreeMap<>();
    }
}
