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

    public ImportRunner(ImportService imports, ImportSpool spool) {
        this(imports, spool, ImportService.ImportProgress.NONE);
    }

    /** {@code everyBatch} hears of every batch committed, whoever started the import (the metrics count rows). */
    public ImportRunner(ImportService imports, ImportSpool spool, ImportService.ImportProgress everyBatch) {
        this.imports = imports;
        this.spool = spool;
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

    public ImportJob start(String fileName, Path file, ImportOptions options, Actor actor) {
        return imports.start(fileName, file.toString(), options, actor);
    }

    /** Runs the job in this thread. */
    public ImportReport run(ImportJob job, ImportService.ImportProgress progress) {
        Path file = Path.of(job.spoolPath());
        try (CsvImportSource source = CsvImportSource.open(file, StandardCharsets.UTF_8)) {
            ImportReport report = imports.run(job, source, counts -> {
                everyBatch.advanced(counts);
                progress.advanced(counts);
            });
            ImportSpool.delete(file);
            return report;
        }
    }

    /** Runs the job in the background; its progress can be read with {@link ImportService#job}. */
    public void submit(ImportJob job) {
        background.submit(() -> {
            try {
                run(job, ImportService.ImportProgress.NONE);
            } catch (ImportService.ImportStopped e) {
                log.info("import job {} paused for shutdown; it resumes at the next start", job.id());
            } catch (RuntimeException e) {
                log.warn("import job {} failed: {}", job.id(), e.getMessage());
            }
        });
    }

    /** Picks up jobs that were running when the server last stopped. */
    public void resumeUnfinished() {
        for (ImportJob job : imports.unfinished()) {
            if (job.spoolPath() != null && Files.exists(Path.of(job.spoolPath()))) {
                log.info("resuming import job {} after line {}", job.id(), job.committedLine());
                submit(job);
            } else {
                imports.markFailed(job.id(), "the server stopped during this import and its file is gone; upload it again (rows already imported are recognised)");
            }
        }
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
        background.shutdownNow();
        try {
            background.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
