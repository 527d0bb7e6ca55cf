package dev.leadline.server.importing;

import dev.leadline.core.account.AccountImport;
import dev.leadline.core.account.AccountImportReport;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.intake.ImportJob;
import dev.leadline.core.intake.ImportOptions;
import dev.leadline.core.intake.ImportPreview;
import dev.leadline.core.intake.ImportReport;
import dev.leadline.core.intake.ImportService;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs CSV imports for the API and the command line: checks the spooled file, then imports it now
 * or as a background job, and resumes jobs a crash or restart cut short.
 */
public final class ImportRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

    private final ImportService imports;
    private final ImportSpool spool;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "leadline-import");
        thread.setDaemon(true);
        return thread;
    });

    private final ImportService.ImportProgress everyBatch;
    private final dev.leadline.db.JooqImportSpools copies;
    /** Jobs this node runs or has queued: never taken over again by this node's own look for orphans. */
    private final java.util.Set<Long> mine = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "leadline-import-watch");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * {@code copies} keeps each background import's file in the database for whichever node takes it over;
     * {@code everyBatch} hears of every batch committed, whoever started the import (the metrics count rows).
     */
    public ImportRunner(ImportService imports, ImportSpool spool, dev.leadline.db.JooqImportSpools copies,
                        ImportService.ImportProgress everyBatch) {
        this.imports = imports;
        this.spool = spool;
        this.copies = copies;
        this.everyBatch = everyBatch;
    }

    public ImportSpool spool() {
        return spool;
    }

    /**
     * Checks the spooled file's encoding, header and limits; on success the file is UTF-8 from then on.
     *
     * @throws ValidationException (and deletes the file) if it cannot be imported as it is
     */
    public void check(Path file, Charset charset, ImportOptions options) {
        try {
            toUtf8(file, charset);
            try (CsvImportSource source = CsvImportSource.open(file, StandardCharsets.UTF_8)) {
                imports.mappingFor(source.header(), options);
                source.scan();
            }
        } catch (IOException e) {
            ImportSpool.delete(file);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            ImportSpool.delete(file);
            throw e;
        }
    }

    /** Imports an accounts file now (checked as {@link #check} does); the file is deleted afterwards. */
    public AccountImportReport importAccounts(Path file, Charset charset, AccountImport accounts) {
        try {
            toUtf8(file, charset);
            try (CsvImportSource source = CsvImportSource.open(file, StandardCharsets.UTF_8)) {
                source.scan();
            }
            try (CsvImportSource source = CsvImportSource.open(file, StandardCharsets.UTF_8)) {
                return accounts.run(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            ImportSpool.delete(file);
        }
    }

    private static void toUtf8(Path file, Charset charset) throws IOException {
        var problem = ImportSpool.encodingProblem(file, charset).or(() -> misread(file, charset));
        if (problem.isPresent()) {
            throw new ValidationException("file", problem.get());
        }
        if (!charset.equals(StandardCharsets.UTF_8)) {
            transcodeToUtf8(file, charset);
        }
    }

    private static java.util.Optional<String> misread(Path file, Charset charset) {
        try {
            return ImportSpool.misreadProblem(file, charset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ImportReport dryRun(Path file, ImportOptions options) {
        try {
            return tryOut(file, options);
        } finally {
            ImportSpool.delete(file);
        }
    }

    /** A dry run over a file that {@link #preview} checked, which is kept for the import that may follow. */
    public ImportReport tryOut(Path file, ImportOptions options) {
        try (CsvImportSource source = CsvImportSource.open(file, StandardCharsets.UTF_8)) {
            return imports.dryRun(source, options);
        }
    }

    /** The header of a file that {@link #preview} checked. */
    public List<String> header(Path file) {
        try (CsvImportSource source = CsvImportSource.open(file, StandardCharsets.UTF_8)) {
            return source.header();
        }
    }

    /** Previews a file that {@link #preview} checked (and that stays, whatever the mapping). */
    public ImportPreview previewAgain(Path file, ImportOptions options, int sample) {
        try (CsvImportSource source = CsvImportSource.open(file, StandardCharsets.UTF_8)) {
            return imports.preview(source, options, sample);
        }
    }

    /**
     * Checks the spooled file's encoding and limits as {@link #check} does, and previews it; the file
     * stays (as UTF-8) for a dry run or an import.
     *
     * @throws ValidationException (and deletes the file) if it cannot be read as it is
     */
    public ImportPreview preview(Path file, Charset charset, ImportOptions options, int sample) {
        try {
            toUtf8(file, charset);
            try (CsvImportSource source = CsvImportSource.open(file, StandardCharsets.UTF_8)) {
                return imports.preview(source, options, sample);
            }
        } catch (IOException e) {
            ImportSpool.delete(file);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            ImportSpool.delete(file);
            throw e;
        }
    }

    /** Creates the job, held by this node (which runs it next, here or in the background). */
    public synchronized ImportJob start(String fileName, Path file, ImportOptions options, Actor actor) {
        ImportJob job = imports.start(fileName, file.toString(), options, actor);
        mine.add(job.id());
        return job;
    }

    /** Runs the job in this thread. */
    public ImportReport run(ImportJob job, ImportService.ImportProgress progress) {
        return run(job, Path.of(job.spoolPath()), progress);
    }

    private ImportReport run(ImportJob job, Path file, ImportService.ImportProgress progress) {
        mine.add(job.id());
        try (CsvImportSource source = CsvImportSource.open(file, StandardCharsets.UTF_8)) {
            ImportReport report = imports.run(job, source, counts -> {
                everyBatch.advanced(counts);
                progress.advanced(counts);
            });
            ImportSpool.delete(file);
            copies.drop(job.id());
            return report;
        } finally {
            mine.remove(job.id());
        }
    }

    /**
     * Runs the job in the background, its file first copied into the database so that another node can
     * finish it should this one stop; its progress can be read with {@link ImportService#job}.
     */
    public void submit(ImportJob job) {
        inBackground(job, Path.of(job.spoolPath()), true);
    }

    private void inBackground(ImportJob job, Path file, boolean copyFirst) {
        mine.add(job.id());
        background.submit(() -> {
            try {
                if (copyFirst) {
                    copies.keep(job.id(), file);
                }
                run(job, file, ImportService.ImportProgress.NONE);
            } catch (ImportService.ImportStopped e) {
                log.info("import job {} stopped after line {}: this node is stopping, or another took the job over; it goes on from there",
                        job.id(), e.lastCommittedLine());
            } catch (RuntimeException | IOException e) {
                log.warn("import job {} failed: {}", job.id(), e.getMessage());
            } finally {
                mine.remove(job.id());
            }
        });
    }

    /**
     * Takes over the jobs no node runs any more (this one's before a restart, or another's that stopped or
     * died) and carries on with each after its last committed batch, from its file here or its copy in
     * the database; a job with neither is marked failed.
     */
    public synchronized void resumeUnfinished() {
        // taking this node's own jobs renews its hold on them: while it lives, no other node takes them
        for (ImportJob job : imports.unfinished()) {
            if (mine.contains(job.id())) {
                continue;
            }
            Path local = job.spoolPath() == null ? null : Path.of(job.spoolPath());
            try {
                if (local != null && Files.exists(local)) {
                    log.info("resuming import job {} after line {}", job.id(), job.committedLine());
                    inBackground(job, local, false);
                    continue;
                }
                Path restored = Files.createDirectories(spool.dir()).resolve("import-" + job.id() + "-" + java.util.UUID.randomUUID() + ".csv");
                if (copies.restore(job.id(), restored)) {
                    log.info("taking over import job {} after line {}, from its copy in the database", job.id(), job.committedLine());
                    inBackground(job, restored, false);
                    continue;
                }
            } catch (IOException e) {
                log.warn("import job {} could not be taken over: {}", job.id(), e.getMessage());
            }
            imports.markFailed(job.id(), "the server stopped during this import and its file is gone; upload it again (rows already imported are recognised)");
        }
    }

    /** Looks for jobs no node runs any more every {@code every}, as long as this server runs. */
    public void watchForOrphans(java.time.Duration every) {
        watch.scheduleWithFixedDelay(() -> {
            try {
                resumeUnfinished();
            } catch (RuntimeException e) {
                log.debug("no look for orphaned imports this time: {}", e.toString());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void transcodeToUtf8(Path file, Charset charset) throws IOException {
        Path utf8 = file.resolveSibling(file.getFileName() + ".utf8");
        try (InputStream in = Files.newInputStream(file);
             Reader reader = new java.io.InputStreamReader(in, charset);
             Writer writer = Files.newBufferedWriter(utf8, StandardCharsets.UTF_8)) {
            reader.transferTo(writer);
        }
        Files.move(utf8, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        watch.shutdownNow();
        background.shutdownNow();
        try {
            background.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
