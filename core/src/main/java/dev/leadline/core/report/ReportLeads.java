package dev.leadline.core.report;

import dev.leadline.core.common.FieldError;
import dev.leadline.core.common.ValidationException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The leads behind a report's number: a cell (a row's key and a column) of the funnel, conversion, reps,
 * trends or fairness report, counted by the report's own code, so a cell of 12 has 12 entries behind it.
 * A column that counts facts (claims, contact attempts, routing decisions) lists one entry per fact, so a
 * lead can appear more than once; medians, shares, amounts and counts by name link to nothing.
 * Entries come by lead id, then time, in keyset pages.
 */
public final class ReportLeads {
    /** The most entries one page lists. */
    public static final int MAX_PAGE = 1000;
    /** The columns whose numbers have leads behind them, by report. */
    public static final Map<String, List<String>> COLUMNS = Map.of(
            "funnel", List.of("leads", "disqualified"),
            "conversion", List.of("leads", "converted"),
            "reps", List.of("routed", "assigned", "claimed", "contactAttempts", "meetingsBooked", "meetingsHeld", "meetingsNoShow",
                    "qualified", "converted"),
            "trends", List.of("created", "firstTouches", "conversions", "disqualifications"),
            "fairness", List.of("considered", "eligible", "leads", "skipped"));
    /**
     * What names a row besides the filter, by report: the reps report's row is the filter's {@code rep}, a
     * fairness row the filter's {@code queue} and {@code rep} with its {@code period}.
     */
    public static final Map<String, List<String>> ROW_KEYS = Map.of("funnel", List.of("group", "step"), "conversion", List.of("group"),
            "reps", List.of(), "trends", List.of("period"), "fairness", List.of("period"));

    /** Whether the column counts each lead once (else it counts facts, and a lead may be behind it more than once). */
    public static boolean countsLeads(String report, String column) {
        return report.equals("funnel") || report.equals("conversion")
                || report.equals("trends") && List.of("created", "firstTouches", "conversions").contains(column);
    }

    /** A lead behind a number, when the fact it counts happened and, where the report knows, why (a reason; else null). */
    public record Behind(long leadId, Instant at, String why) {
        /** Where the next page starts after this entry. */
        public String cursor() {
            return leadId + "/" + at;
        }
    }

    /** A page: {@code total} is the cell's number; {@code next} the cursor of the next page, empty on the last. */
    public record Page(List<Behind> leads, int total, Optional<String> next) {}

    private final Reports reports;
    private final RoutingFairness fairness;

    public ReportLeads(Reports reports, RoutingFairness fairness) {
        this.reports = reports;
        this.fairness = fairness;
    }

    /**
     * The entries behind {@code column} of the row named by {@code keys} ({@link #ROW_KEYS}) and the filter,
     * at most {@code limit} after {@code after}; every bad parameter is reported at once, by name.
     */
    public Page page(String report, ReportFilter filter, Map<String, String> keys, String column, Optional<String> after, int limit) {
        List<FieldError> errors = new ArrayList<>();
        if (!COLUMNS.containsKey(report)) {
            throw new ValidationException("report", "has no leads behind its numbers; one of " + String.join(", ", COLUMNS.keySet().stream().sorted().toList()));
        }
        if (column == null || !COLUMNS.get(report).contains(column)) {
            errors.add(new FieldError("column", "must be one of " + String.join(", ", COLUMNS.get(report))));
        }
        for (String key : ROW_KEYS.get(report)) {
            if (keys.getOrDefault(key, "").isBlank()) {
                errors.add(new FieldError(key, "names the row: required"));
            }
        }
        if ((report.equals("reps") || report.equals("fairness")) && filter.rep().isEmpty()) {
            errors.add(new FieldError("rep", "names the row: required"));
        }
        if (report.equals("fairness") && filter.queue().isEmpty()) {
            errors.add(new FieldError("queue", "names the row: required"));
        }
        Optional<Behind> start = after.map(text -> cursor(text, errors));
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        List<Behind> all = new ArrayList<>(behind(report, filter, keys, column));
        all.sort(ORDER);
        List<Behind> rest = start.map(s -> all.stream().filter(b -> ORDER.compare(b, s) > 0).toList()).orElse(all);
        int size = Math.min(Math.max(limit, 1), MAX_PAGE);
        List<Behind> shown = rest.subList(0, Math.min(size, rest.size()));
        Optional<String> next = rest.size() > size ? Optional.of(shown.get(shown.size() - 1).cursor()) : Optional.empty();
        return new Page(List.copyOf(shown), all.size(), next);
    }

    private static final Comparator<Behind> ORDER = Comparator.comparingLong(Behind::leadId).thenComparing(Behind::at);

    private List<Behind> behind(String report, ReportFilter filter, Map<String, String> keys, String column) {
        switch (report) {
            case "fairness":
                return fairness.behind(filter, Cells.key(filter.queue().orElseThrow().name(), keys.get("period").strip(),
                        filter.rep().orElseThrow().email()), column);
            case "funnel":
                return reports.behind(report, filter, Cells.key(keys.get("group").strip(), keys.get("step").strip()), column);
            case "conversion":
                return reports.behind(report, filter, keys.get("group").strip(), column);
            case "trends":
                return reports.behind(report, filter, keys.get("period").strip(), column);
            default:
                return reports.behind(report, filter, filter.rep().orElseThrow().email(), column);
        }
    }

    private static Behind cursor(String text, List<FieldError> errors) {
        int slash = text.indexOf('/');
        try {
            return new Behind(Long.parseLong(text.substring(0, Math.max(slash, 0))), Instant.parse(text.substring(slash + 1)), null);
        } catch (NumberFormatException | DateTimeException e) {
            errors.add(new FieldError("after", "is not a cursor this list gave (42/2026-03-01T09:00:00Z)"));
            return null;
        }
    }
}
