package dev.leadline.server.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.leadline.core.common.Actor;
import dev.leadline.core.intake.ImportCounts;
import dev.leadline.core.intake.ImportJob;
import dev.leadline.core.intake.ImportOptions;
import dev.leadline.core.intake.ImportReport;
import dev.leadline.server.Leadline;
import dev.leadline.server.http.JsonMapper;
import dev.leadline.db.OnExit;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code leadline import FILE.csv}: the import endpoint from the command line, with a progress bar. */
@Command(name = "import", description = "Import leads from a CSV file into the configured database.")
public final class ImportCommand implements Callable<Integer> {
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    @Mixin
    DatabaseOptions database;

    @Parameters(index = "0", description = "The CSV file.")
    Path file;

    @Option(names = "--mapping", description = "JSON object of column names to lead fields, e.g. {\"E-Mail\":\"email\"}.")
    String mapping;

    @Option(names = "--null-values", split = ",", description = "Values that mean 'not given', e.g. Select,N/A.")
    List<String> nullValues = List.of();

    @Option(names = "--charset", defaultValue = "UTF-8", description = "The file's character set (default UTF-8).")
    Charset charset;

    @Option(names = "--dry-run", description = "Report what would happen without storing anything.")
    boolean dryRun;

    @Option(names = "--no-notify", description = "Do not tell reps about the imported leads.")
    boolean noNotify;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file)) {
            System.err.println("leadline: no such file: " + file);
            return 2;
        }
        Map<String, String> columns = mapping == null ? Map.of()
                : JsonMapper.create().readValue(mapping, new TypeReference<Map<String, String>>() { });
        ImportOptions options = new ImportOptions(columns, Set.copyOf(nullValues), dryRun, !noNotify);
        long totalRows = countLines(file) - 1;
        // SIGTERM or Ctrl-C: stop between two batches and close the database here, before the exit hook closes it under us
        Thread importing = Thread.currentThread();
        CountDownLatch closed = new CountDownLatch(1);
        AutoCloseable stopImport = () -> {
            importing.interrupt();
            closed.await(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        };
        try {
            return importFile(options, totalRows, stopImport);
        } finally {
            closed.countDown();
            OnExit.unregister(stopImport);
        }
    }

    /** An import stopped by the exit hook ends in ImportService's "stopped after line N", which the CLI prints. */
    private int importFile(ImportOptions options, long totalRows, AutoCloseable stopImport) throws IOException {
        try (Leadline.Backend backend = database.open()) {
            OnExit.register(stopImport);
            try {
                print(run(backend.imports(), options, totalRows));
            } finally {
                Thread.interrupted(); // the pool and MariaDB then close without being interrupted themselves
            }
        }
        return 0;
    }

    private ImportReport run(dev.leadline.server.importing.ImportRunner runner, ImportOptions options, long totalRows) throws IOException {
        Path spooled;
        try (InputStream in = Files.newInputStream(file)) {
            spooled = runner.spool().store(in);
        }
        runner.check(spooled, charset, options);
        if (dryRun) {
            return runner.dryRun(spooled, options);
        }
        ImportJob job = runner.start(file.getFileName().toString(), spooled, options, Actor.cli(System.getProperty("user.name")));
        ProgressBar bar = new ProgressBar(System.err, totalRows);
        ImportReport report = runner.run(job, bar::advance);
        bar.done();
        return report;
    }

    private static void print(ImportReport report) {
        System.out.printf("rows %d: imported %d (%d flagged as look-alikes), updated %d, duplicates %d, merged %d, rejected %d%n",
                report.rows(), report.imported(), report.flagged(), report.updated(), report.duplicates(), report.merged(), report.rejectedCount());
        report.rejected().stream().limit(50).forEach(r -> System.out.printf("  line %d: %s%n", r.line(), r.reason()));
        if (report.rejectedCount() > 50) {
            System.out.printf("  ... and %d more rejected rows%n", report.rejectedCount() - 50);
        }
    }

    private static long countLines(Path file) throws IOException {
        try (var lines = Files.lines(file, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return lines.count();
        }
    }

    /** A one-line progress bar on stderr. */
    static final class ProgressBar {
        private final PrintStream out;
        private final long total;
        private long done;

        ProgressBar(PrintStream out, long total) {
            this.out = out;
            this.total = Math.max(total, 1);
        }

        void advance(ImportCounts batch) {
            done += batch.rows();
            int width = 40;
            int filled = (int) Math.min(width, done * width / total);
            out.printf("\r[%s%s] %d/%d rows", "#".repeat(filled), " ".repeat(width - filled), done, total);
            out.flush();
        }

        void done() {
            out.println();
        }
    }
}
