package dev.leadline.db;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code mariadbd} processes serving one data directory, recognised by their command line. */
final class MariaDbProcesses {
    private static final Logger log = LoggerFactory.getLogger(MariaDbProcesses.class);
    private static final Duration GRACE = Duration.ofSeconds(60);
    /** The server binary's name, also when its file was replaced since it started (Linux then adds " (deleted)"). */
    private static final Pattern SERVER = Pattern.compile("(mariadbd|mysqld)( \\(deleted\\))?");

    private MariaDbProcesses() {}

    /** Those of {@code candidates} that are a {@code mariadbd} started with {@code --datadir} naming {@code data}. */
    static List<ProcessHandle> serving(Path data, Stream<ProcessHandle> candidates) {
        Path wanted = data.toAbsolutePath().normalize();
        return candidates.filter(p -> p.info().command().map(c -> SERVER.matcher(Path.of(c).getFileName().toString()).matches()).orElse(false))
                .filter(p -> p.info().arguments().map(args -> Stream.of(args)
                        .filter(a -> a.startsWith("--datadir="))
                        .anyMatch(a -> Path.of(a.substring("--datadir=".length())).toAbsolutePath().normalize().equals(wanted)))
                        .orElse(false))
                .toList();
    }

    /**
     * Stops the {@code mariadbd} left running on {@code data} by a Leadline that died. Only call it
     * holding the data directory's lock: then no live Leadline owns such a process.
     */
    static void stopOrphans(Path data) {
        for (ProcessHandle orphan : serving(data, ProcessHandle.allProcesses())) {
            log.warn("stopping the embedded MariaDB (pid {}) left running on {} by a Leadline that has exited", orphan.pid(), data);
            stop(orphan);
        }
    }

    /** SIGTERM (MariaDB shuts down cleanly), then SIGKILL if it has not exited within a minute. */
    static void stop(ProcessHandle process) {
        process.destroy();
        if (!exitsWithin(process, GRACE)) {
            log.warn("MariaDB (pid {}) ignored SIGTERM for {} s; killing it", process.pid(), GRACE.toSeconds());
            process.destroyForcibly();
            exitsWithin(process, GRACE);
        }
    }

    private static boolean exitsWithin(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
