package dev.leadline.core.report;

import java.util.List;
import java.util.Map;

/**
 * A report's answer: named columns and one map per row, in column order. A cell holds a number, a text,
 * null (nothing to measure) or a map of counts by name (disqualification reasons, SLA steps).
 */
public record ReportTable(String report, ReportFilter filter, List<String> columns, List<Map<String, Object>> rows) {
    public ReportTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
