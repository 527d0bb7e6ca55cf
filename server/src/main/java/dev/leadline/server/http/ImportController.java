package dev.leadline.server.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.intake.ImportJob;
import dev.leadline.core.intake.ImportOptions;
import dev.leadline.core.intake.ImportReport;
import dev.leadline.core.intake.ImportService;
import dev.leadline.server.importing.ImportRunner;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code /api/v1/leads/import} and {@code /api/v1/imports/{id}}: CSV imports. */
final class ImportController {
    private final ObjectMapper json;
    private final ImportRunner runner;
    private final ImportService imports;
    private final long syncLimitBytes;

    ImportController(ObjectMapper json, ImportRunner runner, ImportService imports, long syncLimitBytes) {
        this.json = json;
        this.runner = runner;
        this.imports = imports;
        this.syncLimitBytes = syncLimitBytes;
    }

    void upload(Context ctx) throws IOException {
        boolean multipart = Optional.ofNullable(ctx.contentType()).orElse("").startsWith("multipart/form-data");
        String fileName = "upload.csv";
        Path file;
        Charset charset;
        if (multipart) {
            UploadedFile upload = Optional.ofNullable(ctx.uploadedFile("file"))
                    .orElseThrow(() -> new ValidationException("file", "send the CSV as a multipart part named 'file'"));
            fileName = upload.filename();
            charset = charset(upload.contentType());
            try (InputStream in = upload.content()) {
                file = runner.spool().store(in);
            }
        } else {
            String type = Optional.ofNullable(ctx.contentType()).orElse("");
            if (!type.startsWith("text/csv") && !type.startsWith("text/plain") && !type.startsWith("application/csv")) {
                throw new HttpProblem(415, "unsupported_media_type", "send the file as text/csv or as multipart/form-data");
            }
            charset = charset(type);
            file = runner.spool().store(ctx.bodyInputStream());
        }
        ImportOptions options = options(ctx);
        runner.check(file, charset, options);
        if (options.dryRun()) {
            ctx.json(report(null, runner.dryRun(file, options), true));
            return;
        }
        var caller = Authenticator.caller(ctx);
        ImportJob job = runner.start(fileName, file, options, Actor.token(caller.name()));
        boolean async = "true".equals(ctx.queryParam("async")) || Files.size(file) > syncLimitBytes;
        if (async) {
            runner.submit(job);
            ctx.status(202).header("Location", jobUrl(job)).json(Map.of("job", job.id(), "status", "RUNNING", "url", jobUrl(job)));
            return;
        }
        ctx.json(report(job.id(), runner.run(job, ImportService.ImportProgress.NONE), false));
    }

    void job(Context ctx) {
        long id = jobId(ctx.pathParam("id"));
        ImportJob job = imports.job(id);
        Map<String, Object> body = report(id, imports.report(id), false);
        body.put("status", job.status().name());
        body.put("fileName", job.fileName());
        body.put("error", job.error());
        body.put("createdAt", job.createdAt().toString());
        body.put("finishedAt", job.finishedAt() == null ? null : job.finishedAt().toString());
        ctx.json(body);
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
        body.put("rejected", report.rejected());
        return body;
    }

    private ImportOptions options(Context ctx) throws IOException {
        Map<String, String> mapping = Map.of();
        String rawMapping = Optional.ofNullable(ctx.queryParam("mapping")).orElse(ctx.formParam("mapping"));
        if (rawMapping != null && !rawMapping.isBlank()) {
            try {
                mapping = json.readValue(rawMapping, new TypeReference<Map<String, String>>() { });
            } catch (IOException e) {
                throw new ValidationException("mapping", "must be a JSON object of column names to lead fields, e.g. {\"E-Mail\":\"email\"}");
            }
        }
        String nulls = Optional.ofNullable(ctx.queryParam("nullValues")).orElse("");
        Set<String> nullValues = nulls.isBlank() ? Set.of()
                : Arrays.stream(nulls.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
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

    private static Charset charset(String contentType) {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                try {
                    return Charset.forName(p.substring(8).replace("\"", ""));
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new ValidationException("charset", "unknown character set '" + p.substring(8) + "'");
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static long jobId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new ValidationException("id", "'" + id + "' is not an import job id");
        }
    }

    private static String jobUrl(ImportJob job) {
        return "/api/v1/imports/" + job.id();
    }
}
