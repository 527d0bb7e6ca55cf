package dev.leadline.server.http;

import dev.leadline.core.report.ReportTable;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** A report as a CSV file: its columns as the header, a line per row, counts by name as {@code name: n; other: m}. */
public final class ReportCsv {
    private ReportCsv() {}

    public static void write(Context ctx, ReportTable table) throws IOException {
        ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"" + table.report() + ".csv\"");
        try (CsvWriter csv = new CsvWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8))) {
            csv.row(table.columns());
            for (Map<String, Object> row : table.rows()) {
                csv.row(table.columns().stream().map(c -> cell(row.get(c))).toList());
            }
        }
    }

    /** A cell's text: counts by name as {@code name: n; other: m}. */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Map<?, ?> counts) {
            return counts.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; "));
        }
        return value instanceof BigDecimal amount ? amount.toPlainString() : value.toString();
    }
}
