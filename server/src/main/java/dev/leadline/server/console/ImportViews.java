package dev.leadline.server.console;

import dev.leadline.core.intake.ColumnMapping;
import dev.leadline.core.intake.ImportJob;
import dev.leadline.core.intake.ImportOptions;
import dev.leadline.core.intake.ImportPreview;
import dev.leadline.core.intake.ImportReport;
import dev.leadline.core.intake.ImportStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** What the Imports pages show: an upload's mapping and first rows, a dry run's or an import's report, an import's progress. */
public final class ImportViews {
    /** The rejected rows a report lists; all of them are in its CSV download. */
    static final int LISTED_REJECTIONS = 20;

    private ImportViews() {}

    /** One column of the file: a labelled select of the lead field it feeds. */
    public record Column(String name, String input, List<Views.Option> options, String firstValue, String error) {}

    /** One of the first rows as it is in the file; {@code problem} is why the import would reject it unread, or empty. */
    public record Row(String line, List<String> values, String problem) {}

    /**
     * An uploaded file before its import; {@code rows} says how many ("1 row", "5 rows"); {@code report} is the dry run's, or null.
     */
    public record Preview(String upload, String fileName, String rows, List<Column> columns, List<String> header, List<Row> firstRows,
                          String firstRowsCaption, boolean importable, String nullValues, int maxNullValues, boolean notifyReps, String message,
                          boolean refused, Report report) {}

    public record Count(String label, String value) {}

    public record Rejected(String line, String reason) {}

    /** What an import did or, for a dry run, would do. */
    public record Report(String title, List<Count> counts, List<Rejected> rejected, String more) {}

    /** A started import: rows done of all, speed and time left while it runs, its report once done. */
    public record Progress(String upload, String fileName, boolean running, String done, String total, long doneRows, long totalRows,
                           String rate, String eta, String error, Report report) {}

    /** {@code chosen} overrides the preview's mapping in the selects (what was sent, when it was refused). */
    static Preview preview(ImportUploads.Upload upload, ImportPreview preview, Map<String, String> chosen, String nullValues, boolean notifyReps,
                           String message, boolean refused, Report report) {
        List<String> header = preview.header();
        List<String> targets = header.stream().map(name -> chosen.getOrDefault(name, preview.mapping().get(name))).toList();
        List<ColumnMapping.Conflict> conflicts = ColumnMapping.conflicts(header, targets);
        List<String> first = preview.firstRows().isEmpty() || preview.malformed(0).isPresent() ? List.of() : preview.firstRows().get(0);
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            String error = conflicts.stream().filter(c -> c.names(name)).map(ColumnMapping.Conflict::sentence).collect(Collectors.joining("; "));
            columns.add(new Column(name, "column-" + i, options(name, targets.get(i)), i < first.size() ? first.get(i) : "", error));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < preview.firstRows().size(); i++) {
            Optional<ImportPreview.Malformed> malformed = preview.malformed(i);
            rows.add(new Row(malformed.map(m -> number(m.line())).orElse(""), preview.firstRows().get(i),
                    malformed.map(ImportPreview.Malformed::reason).orElse("")));
        }
        String caption = rows.size() == 1 ? "The file's first row as it is in the file" : "The file's first " + rows.size() + " rows as they are in the file";
        return new Preview(upload.id(), upload.fileName(), rows(upload.rows()), columns, header, rows, caption, preview.importable(), nullValues,
                ImportOptions.MAX_NULL_VALUES_CHARS, notifyReps, message, refused, report);
    }

    /** "1 row", "1,234 rows". */
    static String rows(long n) {
        return number(n) + (n == 1 ? " row" : " rows");
    }

    private static List<Views.Option> options(String column, String chosen) {
        List<Views.Option> options = new ArrayList<>();
        options.add(new Views.Option(ColumnMapping.IGNORE, "Ignore this column", ColumnMapping.IGNORE.equals(chosen)));
        if (!column.isBlank()) {
            String custom = ColumnMapping.CUSTOM_PREFIX + column.strip();
            options.add(new Views.Option(custom, "Custom field \u201c" + column.strip() + "\u201d", custom.equals(chosen)));
        }
        for (String target : ColumnMapping.standardTargets()) {
            options.add(new Views.Option(target, label(target), target.equals(chosen)));
        }
        return options;
    }

    /** {@code postalCode} as "Postal code"; a full name says it is split. */
    static String label(String target) {
        return ColumnMapping.label(target);
    }

    static Report report(String title, ImportReport report, boolean dryRun) {
        List<Count> counts = List.of(
                new Count("Rows", number(report.rows())),
                new Count(dryRun ? "Would create" : "Created", number(report.imported())),
                new Count(dryRun ? "Would update (same external id)" : "Updated (same external id)", number(report.updated())),
                new Count("Duplicates skipped or blocked", number(report.duplicates())),
                new Count("Created but flagged as look-alikes", number(report.flagged())),
                new Count("Merged into the lead they duplicate", number(report.merged())),
                new Count("Rejected", number(report.rejectedCount())));
        List<Rejected> rejected = report.rejected().stream().limit(LISTED_REJECTIONS)
                .map(r -> new Rejected(number(r.line()), r.reason())).toList();
        String more = report.rejectedCount() > rejected.size()
                ? "The first " + rejected.size() + " of " + number(report.rejectedCount()) + " rejected rows." : "";
        return new Report(title, counts, rejected, more);
    }

    static Progress progress(ImportUploads.Upload upload, ImportJob job, Instant now, Report report) {
        long done = job.counts().rows();
        boolean running = job.status() == ImportStatus.RUNNING;
        long total = running ? Math.max(upload.rows(), done) : done;
        Duration took = Duration.between(job.createdAt(), running || job.finishedAt() == null ? now : job.finishedAt());
        double seconds = Math.max(took.toMillis(), 1) / 1000.0;
        double perSecond = done / seconds;
        String rate = done == 0 ? "starting" : String.format(Locale.ENGLISH, "%,d rows/s", Math.round(perSecond));
        String eta = !running ? "took " + duration(Math.round(seconds))
                : done == 0 ? "" : "about " + duration(Math.round((total - done) / perSecond)) + " left";
        return new Progress(upload.id(), upload.fileName(), running, number(done), number(total), done, total, rate, eta,
                job.status() == ImportStatus.FAILED ? job.error() : "", report);
    }

    private static String duration(long seconds) {
        return seconds < 120 ? seconds + " s" : (seconds / 60) + " min " + (seconds % 60) + " s";
    }

    static String number(long n) {
        return String.format(Locale.ENGLISH, "%,d", n);
    }
}
