package dev.leadline.server.console;

import dev.leadline.core.access.ConsoleAccess;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.TooLargeException;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.intake.ColumnMapping;
import dev.leadline.core.intake.ImportJob;
import dev.leadline.core.intake.ImportOptions;
import dev.leadline.core.intake.ImportPreview;
import dev.leadline.core.intake.ImportService;
import dev.leadline.core.team.Permissions;
import dev.leadline.server.http.CsvUpload;
import dev.leadline.server.http.HttpProblem;
import dev.leadline.server.importing.ImportRunner;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.nio.charset.Charset;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Imports page (admins, as the API's import needs an ADMIN or INTEGRATION token): a CSV file is
 * uploaded and previewed with each column's lead field, tried out (a dry run) and imported as a
 * background job by the same runner and core service as {@code POST /api/v1/leads/import}, whose
 * progress and report the page then follows.
 */
public final class ImportPages {
    private static final int PREVIEW_ROWS = 5;
    /** The encodings the upload form offers, in its order. */
    static final List<String> ENCODINGS = List.of("UTF-8", "windows-1252", "ISO-8859-1", "UTF-16");

    private final ImportRunner runner;
    private final ImportService imports;
    private final ImportUploads uploads;
    private final Clock clock;

    public ImportPages(ImportRunner runner, ImportService imports, Clock clock) {
        this.runner = runner;
        this.imports = imports;
        this.uploads = new ImportUploads(runner.spool(), clock);
        this.clock = clock;
    }

    public void form(Context ctx) {
        uploadPage(ctx, 200, importer(ctx), "");
    }

    /** Spools the file, checks it and shows its preview; a file that cannot be read comes back with the reason. */
    public void upload(Context ctx) throws IOException {
        ConsoleAccess.Active me = importer(ctx);
        try {
            CsvUpload.readMultipart(ctx);
            Charset chosen = encoding(ctx.formParam("encoding"));
            CsvUpload upload = CsvUpload.receive(ctx, runner.spool());
            Charset charset = chosen == null ? upload.charset() : chosen;
            ImportPreview preview = runner.preview(upload.file(), charset, ImportOptions.defaults(), PREVIEW_ROWS);
            ImportUploads.Upload kept = uploads.keep(upload.file(), me.rep().id(), upload.fileName(), preview.rows());
            ctx.redirect("/console/imports/" + kept.id(), HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            uploadPage(ctx, 422, me, "Not uploaded: " + e.getMessage());
        } catch (TooLargeException e) {
            uploadPage(ctx, 413, me, "Not uploaded: " + e.getMessage());
        } catch (HttpProblem e) {
            uploadPage(ctx, e.status(), me, "Not uploaded: send the file from this page's form.");
        }
    }

    /** The upload's preview until its import starts, then the import's progress. */
    public void show(Context ctx) {
        ConsoleAccess.Active me = importer(ctx);
        ImportUploads.Upload upload = own(ctx, me);
        if (upload.started()) {
            ctx.render("importjob.jte", Map.of("me", ConsolePages.me(me), "progress", progress(upload)));
            return;
        }
        previewPage(ctx, 200, me, upload, ImportOptions.defaults(), "", "", false, null);
    }

    /** Reads every row as the import would, stores nothing, and shows what it would do. */
    public void dryRun(Context ctx) {
        ConsoleAccess.Active me = importer(ctx);
        ImportUploads.Upload upload = notStarted(ctx, me);
        if (upload == null) {
            return;
        }
        ImportOptions options;
        try {
            options = options(ctx, upload, true);
        } catch (ValidationException e) {
            refused(ctx, me, upload, "Not tried: ", e);
            return;
        }
        try {
            ImportViews.Report report = ImportViews.report("Dry run: what an import would do (nothing was stored)",
                    runner.tryOut(upload.file(), options), true);
            previewPage(ctx, 200, me, upload, options, ctx.formParam("nullValues"), "", false, report);
        } catch (ValidationException e) {
            previewPage(ctx, 422, me, upload, options, ctx.formParam("nullValues"), "Not tried: " + e.getMessage(), true, null);
        }
    }

    /** Starts the import in the background, as the API's asynchronous import, and opens its progress. */
    public void start(Context ctx) {
        ConsoleAccess.Active me = importer(ctx);
        synchronized (uploads) {
            ImportUploads.Upload upload = notStarted(ctx, me);
            if (upload == null) {
                return;
            }
            ImportOptions options;
            try {
                options = options(ctx, upload, false);
                imports.mappingFor(runner.header(upload.file()), options);
            } catch (ValidationException e) {
                refused(ctx, me, upload, "Not imported: ", e);
                return;
            }
            ImportJob job = runner.start(upload.fileName(), upload.file(), options, me.acting().actor());
            uploads.started(upload, job.id());
            runner.submit(job);
            ctx.redirect("/console/imports/" + upload.id(), HttpStatus.SEE_OTHER);
        }
    }

    /** The progress part of the page, which reloads itself every 500 ms while the import runs. */
    public void progressPart(Context ctx) {
        ConsoleAccess.Active me = importer(ctx);
        ImportUploads.Upload upload = own(ctx, me);
        if (!upload.started()) {
            throw new NotFoundException("import of upload", upload.id());
        }
        ctx.render("importprogress.jte", Map.of("progress", progress(upload)));
    }

    /** The job of the rep's own started upload: its rejected rows are the rep's to download. */
    public long ownJob(Context ctx) {
        ImportUploads.Upload upload = own(ctx, importer(ctx));
        if (!upload.started()) {
            throw new NotFoundException("import of upload", upload.id());
        }
        return upload.job();
    }

    private ImportViews.Progress progress(ImportUploads.Upload upload) {
        ImportJob job = imports.job(upload.job());
        ImportViews.Report report = job.status() == dev.leadline.core.intake.ImportStatus.RUNNING ? null
                : ImportViews.report("Report", imports.report(job.id()), false);
        return ImportViews.progress(upload, job, clock.instant(), report);
    }

    private ImportUploads.Upload own(Context ctx, ConsoleAccess.Active me) {
        return uploads.find(ctx.pathParam("upload"), me.rep().id())
                .orElseThrow(() -> new NotFoundException("upload", ctx.pathParam("upload")));
    }

    /** The upload, or null when its import has started already (the browser is sent to its progress). */
    private ImportUploads.Upload notStarted(Context ctx, ConsoleAccess.Active me) {
        ImportUploads.Upload upload = own(ctx, me);
        if (upload.started()) {
            ctx.redirect("/console/imports/" + upload.id(), HttpStatus.SEE_OTHER);
            return null;
        }
        return upload;
    }

    /** The encoding chosen on the upload form, or null for the part's own (UTF-8 unless it names one). */
    private static Charset encoding(String chosen) {
        if (chosen == null || chosen.isBlank()) {
            return null;
        }
        if (!ENCODINGS.contains(chosen)) {
            throw new ValidationException("encoding", "the encoding must be one of " + String.join(", ", ENCODINGS));
        }
        return Charset.forName(chosen);
    }

    /** A mapping or options the page refused: the preview again, with the choices as sent and the reason. */
    private void refused(Context ctx, ConsoleAccess.Active me, ImportUploads.Upload upload, String what, ValidationException e) {
        Map<String, String> chosen = chosenMapping(ctx, upload);
        ImportOptions options = new ImportOptions(chosen, Set.of(), false, "true".equals(ctx.formParam("notify")));
        previewPage(ctx, 422, me, upload, options, ctx.formParam("nullValues"), what + e.getMessage(), true, null);
    }

    /**
     * The mapping chosen on the page: each named column's select as sent (so two columns chosen for one
     * field are refused by the core's rule), a blank-named column's only when changed; columns not sent keep the automatic choice.
     */
    private Map<String, String> chosenMapping(Context ctx, ImportUploads.Upload upload) {
        Map<String, String> auto = ColumnMapping.resolve(runner.header(upload.file()), Map.of()).describe();
        Map<String, String> mapping = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, String> column : auto.entrySet()) {
            String chosen = ctx.formParam("column-" + i++);
            if (chosen != null && (!column.getKey().isBlank() || !chosen.equals(column.getValue()))) {
                mapping.put(column.getKey(), chosen);
            }
        }
        return mapping;
    }

    /** The mapping chosen on the page, the values that mean empty, notify. */
    private ImportOptions options(Context ctx, ImportUploads.Upload upload, boolean dryRun) {
        Set<String> nullValues = ImportOptions.nullValues(ctx.formParam("nullValues"));
        return new ImportOptions(chosenMapping(ctx, upload), nullValues, dryRun, "true".equals(ctx.formParam("notify")));
    }

    private ImportPreview preview(ImportUploads.Upload upload, ImportOptions options) {
        return runner.previewAgain(upload.file(), options, PREVIEW_ROWS);
    }

    private void previewPage(Context ctx, int status, ConsoleAccess.Active me, ImportUploads.Upload upload, ImportOptions options,
                             String nullValues, String message, boolean refused, ImportViews.Report report) {
        ImportPreview preview;
        try {
            preview = preview(upload, options);
        } catch (ValidationException e) {
            preview = preview(upload, ImportOptions.defaults());
        }
        ctx.status(status).render("importpreview.jte", Map.of("me", ConsolePages.me(me), "page",
                ImportViews.preview(upload, preview, options.mapping(), nullValues == null ? "" : nullValues, options.notifyReps(), message,
                        refused, report)));
    }

    private static void uploadPage(Context ctx, int status, ConsoleAccess.Active me, String message) {
        ctx.status(status).render("imports.jte", Map.of("me", ConsolePages.me(me), "message", message));
    }

    /** The page is for admins, as the API's import is for ADMIN and INTEGRATION tokens; anyone else gets 403. */
    private static ConsoleAccess.Active importer(Context ctx) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        if (!Permissions.isAdmin(me.rep())) {
            throw new ConsoleRefusal(403, "Not allowed: imports are for admins, as the API's import takes an ADMIN or INTEGRATION token.");
        }
        return me;
    }
}
