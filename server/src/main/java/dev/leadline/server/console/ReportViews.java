package dev.leadline.server.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.report.ReportFilter;
import dev.leadline.core.report.ReportLeads;
import dev.leadline.core.report.ReportTable;
import dev.leadline.server.http.ReportCsv;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The Reports pages' values: each report's chart, its table with a link on every number that has leads behind it, and the filter form. */
public final class ReportViews {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Ratios the table shows as percentages (the API and the CSV keep them as ratios). */
    private static final Set<String> RATIOS = Set.of("share", "expectedShare", "rate", "fromPrevious", "fromCreated", "coverage");

    private ReportViews() {}

    /** A report the console shows: its name, title, what it counts, and what its chart draws. */
    record Kind(String name, String title, String intro, boolean managers, String chartKind, List<String> series) {}

    static final List<Kind> KINDS = List.of(
            new Kind("funnel", "Funnel", "Of the leads created in the period, how many reached each step (or a later one), by group.", false,
                    "bar", List.of("leads")),
            new Kind("conversion", "Conversion", "Of the leads created in the period, how many are converted now, by group.", false, "bar",
                    List.of("leads", "converted")),
            new Kind("reps", "Reps", "Each rep's work in the period: leads received, claims, contact attempts, meetings and outcomes.", false,
                    "bar", List.of("routed", "assigned", "claimed", "contactAttempts", "qualified", "converted")),
            new Kind("trends", "Trends", "Per day or week of the period: leads created, first touches, conversions and disqualifications.",
                    false, "line", List.of("created", "firstTouches", "conversions", "disqualifications")),
            new Kind("fairness", "Fairness", "Per queue, each member's share of the leads the queue handed out against the share their weight"
                    + " among the members eligible each time would give; and how often, and why, routing skipped them.", true, "bar",
                    List.of("share", "expectedShare")),
            new Kind("quality", "Data quality", "Duplicates by checkpoint, enrichment coverage by field and provider, and provider failures.",
                    true, "bar", List.of("flagged", "alerted", "blocked", "merged", "coverage", "failed", "timedOut", "skipped")));

    /** The page; {@code table} is null when the filter was refused ({@code problems} say why, by input). */
    public record ReportPage(String name, String title, String intro, List<Tab> tabs, Form form, Chart chart, Table table, String csvUrl,
                             Map<String, String> problems) {
        public boolean refused() {
            return !problems.isEmpty();
        }

        public String problem(String input) {
            return problems.getOrDefault(input, "");
        }
    }

    public record Tab(String title, String href, boolean current) {}

    /** The filter form's inputs as sent (empty: the default), and the choices for {@code by}, queue and rep. */
    public record Form(Map<String, String> values, List<Views.Option> by, List<Views.Option> queues, List<Views.Option> reps, boolean ownOnly) {
        public String value(String input) {
            return values.getOrDefault(input, "");
        }
    }

    /** The chart's data as JSON safe to put inside a {@code <script>} element, and its text alternative. */
    public record Chart(String json, String label) {}

    public record Table(String caption, List<String> columns, List<List<Cell>> rows) {}

    /** A cell's text, and where the leads behind it are listed (empty: nothing to list). */
    public record Cell(String text, String href) {
        public boolean linked() {
            return !href.isEmpty();
        }
    }

    static Table table(ReportTable table, Kind kind, Map<String, String> asked) {
        ReportFilter f = table.filter();
        List<List<Cell>> rows = new ArrayList<>();
        List<String> linked = ReportLeads.COLUMNS.getOrDefault(kind.name(), List.of());
        for (Map<String, Object> row : table.rows()) {
            List<Cell> cells = new ArrayList<>();
            for (String column : table.columns()) {
                Object value = row.get(column);
                String text = value == null ? "—" : RATIOS.contains(column) && value instanceof Number ratio
                        ? String.format(Locale.ROOT, "%.1f%%", ratio.doubleValue() * 100) : ReportCsv.cell(value);
                boolean link = linked.contains(column) && value instanceof Number n && n.longValue() > 0;
                cells.add(new Cell(text, link ? leadsUrl(kind.name(), f, asked, row, column) : ""));
            }
            rows.add(cells);
        }
        String caption = kind.title() + " from " + f.from() + " to " + f.to() + " (" + f.zone().getId() + "), by " + f.by() + ": "
                + table.rows().size() + " rows";
        return new Table(caption, table.columns().stream().map(ReportViews::words).toList(), rows);
    }

    /** A column's name in words: {@code expectedShare} is "expected share". */
    static String words(String column) {
        return column.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    /** The drill-down of one cell: the filter as it was resolved (so the period does not move), the row's key and the column. */
    private static String leadsUrl(String report, ReportFilter f, Map<String, String> asked, Map<String, Object> row, String column) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("from", f.from().toString());
        q.put("to", f.to().toString());
        q.put("tz", f.zone().getId());
        q.put("by", f.by());
        for (String key : List.of("source", "campaign", "queue", "rep")) {
            if (!asked.getOrDefault(key, "").isBlank()) {
                q.put(key, asked.get(key));
            }
        }
        switch (report) {
            case "funnel" -> {
                q.put("group", String.valueOf(row.get("group")));
                q.put("step", String.valueOf(row.get("step")));
            }
            case "conversion" -> q.put("group", String.valueOf(row.get("group")));
            case "trends" -> q.put("period", String.valueOf(row.get("period")));
            case "reps" -> q.put("rep", String.valueOf(row.get("rep")));
            default -> {
                q.put("queue", String.valueOf(row.get("queue")));
                q.put("rep", String.valueOf(row.get("rep")));
                q.put("period", String.valueOf(row.get("period")));
            }
        }
        q.put("column", column);
        return "/console/reports/" + report + "/leads" + query(q);
    }

    static String query(Map<String, String> params) {
        String q = params.entrySet().stream().filter(e -> !e.getValue().isBlank())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return q.isEmpty() ? "" : "?" + q;
    }

    /**
     * The chart: one label per row (its key columns; a rep by name where the row has one) and one series per charted column the table has; a
     * column's value that is not a number is drawn as a gap.
     */
    static Chart chart(ReportTable table, Kind kind) {
        List<String> keys = table.columns().stream().filter(c -> table.rows().stream().allMatch(r -> r.get(c) instanceof String))
                .filter(c -> !c.equals("strategy") && !(c.equals("rep") && table.columns().contains("name"))).toList();
        List<String> labels = table.rows().stream().map(r -> keys.stream().map(k -> String.valueOf(r.get(k))).collect(Collectors.joining(" · ")))
                .toList();
        List<Map<String, Object>> series = new ArrayList<>();
        for (String column : kind.series()) {
            if (table.columns().contains(column)) {
                series.add(Map.of("label", words(column), "values", table.rows().stream()
                        .map(r -> r.get(column) instanceof Number n ? (Object) n.doubleValue() : null).toList()));
            }
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("kind", kind.chartKind());
        spec.put("labels", labels);
        spec.put("series", series);
        String label = kind.title() + " chart: " + series.stream().map(s -> (String) s.get("label")).collect(Collectors.joining(", "))
                + " for each of " + labels.size() + " rows; the table below has the numbers.";
        return new Chart(scriptSafe(spec), label);
    }

    /** JSON that cannot end the {@code <script>} element it sits in: {@code <}, {@code >} and {@code &} written as escapes. */
    static String scriptSafe(Object value) {
        try {
            return JSON.writeValueAsString(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
