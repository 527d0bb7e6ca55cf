package dev.leadline.core.intake;

import dev.leadline.core.account.AccountMatching;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.LeadlineException;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.dedupe.DuplicateGuard;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.routing.LeadArrivals;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports leads from a tabular source in batches. Each batch commits on its own with the job's
 * progress, so memory stays flat, a bad row never stops the good ones, and a job cut short resumes
 * where it stopped; re-running the same file finds what it stored before instead of duplicating it.
 */
public final class ImportService {
    public static final int BATCH_SIZE = 500;
    public static final int MAX_REPORTED_REJECTIONS = 10_000;
    /** The report lists this many of the rows duplicate rules blocked or merged; all of them are in its duplicates CSV. */
    public static final int MAX_REPORTED_DUPLICATE_ROWS = 1_000;
    private static final Logger log = LoggerFactory.getLogger(ImportService.class);

    private final Transactor transactor;
    private final LeadRepository leads;
    private final LeadJournal journal;
    private final ImportJobRepository jobs;
    private final Clock clock;
    private final LeadArrivals arrivals;
    private final DuplicateGuard duplicates;
    private final AccountMatching accounts;

    public ImportService(Transactor transactor, LeadRepository leads, LeadJournal journal,
                         ImportJobRepository jobs, Clock clock) {
        this(transactor, leads, journal, jobs, clock, LeadArrivals.NONE, DuplicateGuard.OFF, AccountMatching.NONE);
    }

    /**
     * With {@code arrivals}, new leads of an import that notifies reps are routed by the import rules;
     * every row is judged by the duplicate rules at the {@code import} checkpoint, and each batch's new
     * leads are matched to their accounts in the batch's transaction.
     */
    public ImportService(Transactor transactor, LeadRepository leads, LeadJournal journal,
                         ImportJobRepository jobs, Clock clock, LeadArrivals arrivals, DuplicateGuard duplicates, AccountMatching accounts) {
        this.arrivals = arrivals;
        this.duplicates = duplicates;
        this.accounts = accounts;
        this.transactor = transactor;
        this.leads = leads;
        this.journal = journal;
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * Checks that the header and options make sense for an import.
     *
     * @throws ValidationException naming what is wrong
     */
    public ColumnMapping mappingFor(List<String> header, ImportOptions options) {
        if (header.isEmpty() || header.stream().allMatch(String::isBlank)) {
            throw new ValidationException("file", "the first line must be a header naming the columns");
        }
        ColumnMapping mapping = ColumnMapping.resolve(header, options.mapping());
        if (!mapping.mapsAnyStandardField()) {
            throw new ValidationException("mapping", "none of the columns " + header
                    + " is a lead field; name one with the mapping option, e.g. {\"" + header.get(0) + "\":\"email\"}");
        }
        return mapping;
    }

    /**
     * Reads the whole source and says how it maps, with its first {@code sample} rows; stores nothing.
     * Unlike an import, a file whose columns map to no lead field is previewed, as not importable; the
     * first rows the import would reject unread (a broken line, the wrong number of fields) are marked so.
     *
     * @throws ValidationException if the header is missing or the explicit mapping names an unknown column or field
     */
    public ImportPreview preview(ImportSource source, ImportOptions options, int sample) {
        if (source.header().isEmpty() || source.header().stream().allMatch(String::isBlank)) {
            throw new ValidationException("file", "the first line must be a header naming the columns");
        }
        ColumnMapping mapping = ColumnMapping.resolve(source.header(), options.mapping());
        List<List<String>> first = new ArrayList<>();
        List<ImportPreview.Malformed> malformed = new ArrayList<>();
        long rows = 0;
        for (Iterator<ImportRow> it = source.rows(); it.hasNext(); rows++) {
            ImportRow row = it.next();
            if (first.size() < sample) {
                int index = first.size();
                row.problemFor(source.header().size()).ifPresent(p -> malformed.add(new ImportPreview.Malformed(index, row.line(), p)));
                first.add(row.values());
            }
        }
        return new ImportPreview(source.header(), mapping.describe(), first, malformed, rows, mapping.mapsAnyStandardField());
    }

    public ImportJob start(String fileName, String spoolPath, ImportOptions options, Actor actor) {
        return jobs.create(fileName, spoolPath, options, actor, clock.instant());
    }

    public ImportJob job(long jobId) {
        return jobs.find(jobId).orElseThrow(() -> new NotFoundException("import", jobId));
    }

    /** The header of the job's file, to go with its rejected rows (empty for jobs stored before it was kept). */
    public List<String> header(long jobId) {
        job(jobId);
        return jobs.header(jobId);
    }

    /** The job's first {@code limit} rejected rows after line {@code afterLine}, with their values, in line order. */
    public List<ImportReport.Rejection> rejections(long jobId, long afterLine, int limit) {
        return jobs.rejections(jobId, afterLine, limit);
    }

    /** The job's first {@code limit} rows that duplicate rules blocked or merged after line {@code afterLine}, with their values, in line order. */
    public List<ImportReport.DuplicateRow> duplicateRows(long jobId, long afterLine, int limit) {
        return jobs.duplicateRows(jobId, afterLine, limit, true);
    }

    public List<ImportJob> unfinished() {
        return jobs.unfinished();
    }

    public void markFailed(long jobId, String reason) {
        jobs.finish(jobId, ImportStatus.FAILED, reason, clock.instant());
    }

    /** Runs (or resumes) a job over its source and returns the whole job's report. */
    public ImportReport run(ImportJob job, ImportSource source, ImportProgress progress) {
        ColumnMapping mapping = mappingFor(source.header(), job.options());
        jobs.recordHeader(job.id(), source.header());
        ImportBatch batch = new ImportBatch(mapping, job.options(), leads, journal,
                job.createdBy(), clock, job.options().notifyReps() ? arrivals : LeadArrivals.NONE, duplicates, accounts);
        try {
            forEachBatch(source.rows(), job.committedLine(), rows -> {
                ImportBatch.Result result = transactor.inTransaction(() -> {
                    ImportBatch.Result r = batch.store(rows);
                    if (!jobs.recordBatch(job.id(), rows.get(rows.size() - 1).line(), r.counts(), r.rejections(), r.duplicateRows())) {
                        throw new ImportStopped(rows.get(0).line() - 1); // another node carries on with it; this batch is undone
                    }
                    return r;
                });
                arrivals.committed();
                progress.advanced(result.counts());
            });
            jobs.finish(job.id(), ImportStatus.DONE, null, clock.instant());
        } catch (ImportStopped e) {
            log.info("import {} stopped after line {}; it resumes from there", job.id(), e.lastCommittedLine());
            throw e;
        } catch (LeadlineException | IllegalStateException e) {
            log.warn("import {} stopped: {}", job.id(), e.getMessage());
            jobs.finish(job.id(), ImportStatus.FAILED, e.getMessage(), clock.instant());
            throw e;
        }
        return report(job.id());
    }

    /** Reads the whole source and says what an import would do, storing nothing. */
    public ImportReport dryRun(ImportSource source, ImportOptions options) {
        ColumnMapping mapping = mappingFor(source.header(), options);
        ImportBatch batch = new ImportBatch(mapping, options, leads, journal, Actor.SYSTEM, clock, LeadArrivals.NONE, duplicates,
                AccountMatching.NONE);
        List<ImportReport.Rejection> rejections = new ArrayList<>();
        List<ImportReport.DuplicateRow> duplicateRows = new ArrayList<>();
        ImportCounts[] total = {ImportCounts.ZERO};
        forEachBatch(source.rows(), 0, rows -> {
            ImportBatch.Result result = batch.preview(rows);
            total[0] = total[0].plus(result.counts());
            result.rejections().stream().limit(MAX_REPORTED_REJECTIONS - rejections.size()).forEach(rejections::add);
            result.duplicateRows().stream().limit(MAX_REPORTED_DUPLICATE_ROWS - duplicateRows.size()).forEach(duplicateRows::add);
        });
        ImportCounts c = total[0];
        return new ImportReport(c.rows(), c.imported(), c.updated(), c.duplicates(), c.flagged(), c.merged(), rejections, c.rejected(),
                duplicateRows);
    }

    public ImportReport report(long jobId) {
        ImportCounts c = job(jobId).counts();
        return new ImportReport(c.rows(), c.imported(), c.updated(), c.duplicates(), c.flagged(), c.merged(),
                jobs.rejections(jobId, MAX_REPORTED_REJECTIONS), c.rejected(), jobs.duplicateRows(jobId, 0, MAX_REPORTED_DUPLICATE_ROWS, false));
    }

    private static void forEachBatch(Iterator<ImportRow> rows, long afterLine, java.util.function.Consumer<List<ImportRow>> work) {
        List<ImportRow> batch = new ArrayList<>(BATCH_SIZE);
        long lastLine = afterLine;
        while (rows.hasNext()) {
            ImportRow row = rows.next();
            if (row.line() <= afterLine) {
                continue;
            }
            batch.add(row);
            if (batch.size() == BATCH_SIZE) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new ImportStopped(lastLine);
                }
                work.accept(batch);
                lastLine = row.line();
                batch = new ArrayList<>(BATCH_SIZE);
            }
        }
        if (!batch.isEmpty()) {
            work.accept(batch);
        }
    }

    /** The import thread was interrupted (the server is stopping); the job stays resumable. */
    public static final class ImportStopped extends LeadlineException {
        private final long lastCommittedLine;

        ImportStopped(long lastCommittedLine) {
            super("import stopped after line " + lastCommittedLine);
            this.lastCommittedLine = lastCommittedLine;
        }

        public long lastCommittedLine() {
            return lastCommittedLine;
        }
    }

    /** Hears about each committed batch, e.g. to draw a progress bar. */
    @FunctionalInterface
    public interface ImportProgress {
        ImportProgress NONE = counts -> { };

        void advanced(ImportCounts batch);
    }
}
