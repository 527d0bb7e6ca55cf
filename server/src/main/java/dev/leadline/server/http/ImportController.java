package dev.leadline.server.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.Ids;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.intake.ImportJob;
import dev.leadline.core.intake.ImportOptions;
import dev.leadline.core.intake.ImportPreview;
import dev.leadline.core.intake.ImportReport;
import dev.leadline.core.intake.ImportService;
import dev.leadline.server.importing.ImportRunner;
import dev.leadline.server.importing.ImportSpool;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/** {@code /api/v1/leads/import} and {@code /api/v1/imports/{id}} (its rejected rows, and the rows duplicate rules blocked or merged): CSV imports. */
final class ImportController {
    private final ObjectMapper json;
    private final ImportRunner runner;
    private final ImportService imports;
    private static final int PAGE = 1_000;
    /** The rows a preview shows. */
    static final int PREVIEW_ROWS = 5;
    private final long syncLimitBytes;

    ImportController(ObjectMapper json, ImportRunner runner, ImportService imports, long syncLimitBytes) {
        this.json = json;
        this.runner = runner;
        this.imports = imports;
        this.syncLimitBytes = syncLimitBytes;
    }

    void upload(Context ctx) throws IOException {
        Authenticator.requireAdminOrIntegration(ctx);
        ImportOptions options = options(ctx); // before the file is spooled: a bad option leaves nothing behind
        CsvUpload upload = CsvUpload.receive(ctx, runner.spool());
        String fileName = upload.fileName();
        Path file = upload.file();
        runner.check(file, upload.charset(), options);
        if (options.dryRun()) {
            ctx.json(report(null, runner.dryRun(file, options), true));
            return;
        }
        var caller = Authenticator.caller(ctx);
        ImportJob job = runner.start(fileName, file, options, caller.actor());
        boolean async = "true".equals(ctx.queryParam("async")) || Files.size(file) > syncLimitBytes;
        if (async) {
            runner.submit(job);
            ctx.status(202).header("Location", jobUrl(job)).json(Map.of("job", job.id(), "status", "RUNNING", "url", jobUrl(job)));
            return;
        }
        ctx.json(report(job.id(), runner.run(job, ImportService.ImportProgress.NONE), false));
    }

    /** {@code POST /api/v1/leads/import/preview}: how the file would map, its first rows and its number of rows; stores nothing. */
    void preview(Context ctx) throws IOException {
        Authenticator.requireAdminOrIntegration(ctx);
        ImportOptions options = options(ctx);
        CsvUpload upload = CsvUpload.receive(ctx, runner.spool());
        try {
            ImportPreview preview = runner.preview(upload.file(), upload.charset(), options, PREVIEW_ROWS);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("header", preview.header());
            body.put("mapping", preview.mapping());
            body.put("firstRows", preview.firstRows());
            body.put("malformedRows", preview.malformed());
            body.put("rows", preview.rows());
            body.put("importable", preview.importable());
            ctx.json(body);
        } finally {
            ImportSpool.delete(upload.file());
        }
    }

    void job(Context ctx) {
        long id = Ids.parse("id", ctx.pathParam("id"));
        ImportJob job = imports.job(id);
        Map<String, Object> body = report(id, imports.report(id), false);
        body.put("status", job.status().name());
        body.put("fileName", job.fileName());
        body.put("error", job.error());
        body.put("createdAt", job.createdAt().toString());
        body.put("finishedAt", job.finishedAt() == null ? null : job.finishedAt().toString());
        ctx.json(body);
    }

    /** {@code GET /api/v1/imports/{id}/rejected.csv}: the rows the job rejected, under its file's header, to mend and import again. */
    void rejectedRows(Context ctx) throws IOException {
        rejectedRows(ctx, Ids.parse("id", ctx.pathParam("id")));
    }

    /** The rejected rows of job {@code id}, as {@link #rejectedRows(Context)} writes them (the console's download of its own imports). */
    void rejectedRows(Context ctx, long id) throws IOException {
        download(ctx, id, "rejected", List.of("Rejected line", "Rejection reason"), imports::rejections, ImportReport.Rejection::line,
                r -> concat(List.of(Long.toString(r.line()), r.reason()), r.values()));
    }

    /**
     * {@code GET /api/v1/imports/{id}/duplicates.csv}: every row a duplicate rule blocked or merged, with the lead or contact it
     * matched, under its file's header.
     */
    void duplicateRows(Context ctx) throws IOException {
        download(ctx, Ids.parse("id", ctx.pathParam("id")), "duplicates", List.of("Line", "Action", "Matched lead", "Matched contact", "Matched on"), imports::duplicateRows,
                ImportReport.DuplicateRow::line, r -> concat(List.of(Long.toString(r.line()), action(r), r.lead().map(Object::toString).orElse(""),
                        r.contact().map(Object::toString).orElse(""), String.join(" ", r.matched())), r.values()));
    }

    /** Some of a job's rows as a CSV file: {@code columns} then the file's header, read {@value #PAGE} rows at a time in line order. */
    private <T> void download(Context ctx, long id, String what, List<String> columns, Pages<T> pages, ToLongFunction<T> line,
                              Function<T, List<String>> cells) throws IOException {
        imports.job(id); // an unknown job is a 404 before anything is written
        List<String> header = imports.header(id);
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"import-" + id + "-" + what + ".csv\"");
        try (CsvWriter csv = new CsvWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8))) {
            csv.row(concat(columns, header));
            List<T> page = pages.after(id, 0, PAGE);
            while (!page.isEmpty()) {
                for (T row : page) {
                    csv.row(cells.apply(row));
                }
                page = pages.after(id, line.applyAsLong(page.get(page.size() - 1)), PAGE);
            }
        }
    }

    /** A job's rows after a line, {@code limit} at most. */
    @FunctionalInterface
    private interface Pages<T> {
        List<T> after(long jobId, long afterLine, int limit);
    }

    /** Rows duplicate rules blocked or merged as the JSON reports show them: line, action, the lead or contact matched, the fields. */
    static List<Map<String, Object>> duplicateRows(List<ImportReport.DuplicateRow> rows) {
        return rows.stream().<Map<String, Object>>map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("line", r.line());
            row.put("action", action(r));
            r.lead().ifPresent(lead -> row.put("lead", lead.toString()));
            r.contact().ifPresent(contact -> row.put("contact", contact));
            row.put("matched", r.matched());
            return row;
        }).toList();
    }

    private static String action(ImportReport.DuplicateRow row) {
        return row.action().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Rejected rows as the JSON reports show them: line and reason. */
    static List<Map<String, Object>> rejections(List<ImportReport.Rejection> rejected) {
        return rejected.stream().<Map<String, Object>>map(r -> Map.of("line", r.line(), "reason", r.reason())).toList();
    }

    private static List<String> concat(List<String> first, List<String> then) {
        return Stream.concat(first.stream(), then.stream()).toList();
    }

    private static Map<String, Object> report(Long jobId, ImportReport report, boolean dryRun) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (jobId != null) {
            body.put("job", jobId);
        }
        body.put("dryRun", dryRun);
        body.put("rows", report.rows());
        body.put("imported", report.imported());
        body.put("updated", report.updated());
        body.put("duplicates", report.duplicates());
        body.put("flagged", report.flagged());
        body.put("merged", report.merged());
        body.put("rejectedCount", report.rejectedCount());
        body.put("rejected", rejections(report.rejected()));
        body.put("duplicateRows", duplicateRows(report.duplicateRows()));
        return body;
    }

    private ImportOptions options(Context ctx) throws IOException {
        Map<String, String> mapping = Map.of();
        CsvUpload.readMultipart(ctx);
        // a form field only in a multipart upload: Javalin would read any other body whole as a form
        String rawMapping = Optional.ofNullable(ctx.queryParam("mapping"))
                .orElseGet(() -> CsvUpload.isMultipart(ctx) ? ctx.formParam("mapping") : null);
        if (rawMapping != null && !rawMapping.isBlank()) {
            try {
                mapping = json.readValue(rawMapping, new TypeReference<Map<String, String>>() { });
            } catch (IOException e) {
                throw new ValidationException("mapping", "must be a JSON object of column names to lead fields, e.g. {\"E-Mail\":\"email\"}");
            }
        }
        Set<String> nullValues = ImportOptions.nullValues(ctx.queryParam("nullValues"));
        return new ImportOptions(mapping, nullValues, flag(ctx, "dryRun", false), flag(ctx, "notify", true));
    }

    private static boolean flag(Context ctx, String name, boolean fallback) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return fallback;
        }
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new ValidationException(name, "must be true or false");
    }

    private static String jobUrl(ImportJob job) {
        return "/api/v1/imports/" + job.id();
    }
}
