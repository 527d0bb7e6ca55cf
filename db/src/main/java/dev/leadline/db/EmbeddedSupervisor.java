package dev.leadline.db;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the embedded {@code mariadbd} this process started and starts it again when it exits
 * unasked, with a growing pause (0.5 s doubling to 30 s while it keeps dying within a minute). It
 * comes back on the same port with the same accounts, so the connection pool finds it again.
 */
final class EmbeddedSupervisor implements AutoCloseable {
    /** Starts the server again; returns once it accepts connections. */
    interface Starter {
        void start() throws Exception;
    }

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSupervisor.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);
    private static final Duration STABLE = Duration.ofMinutes(1);

    private final Path data;
    private final Starter starter;
    private final Thread thread;
    private volatile boolean closed;
    private Duration pause = FIRST_PAUSE;

    private EmbeddedSupervisor(Path data, Starter starter) {
        this.data = data;
        this.starter = starter;
        this.thread = new Thread(this::superviseUntilClosed, "embedded-mariadb-supervisor");
        thread.setDaemon(true);
    }

    static EmbeddedSupervisor watch(Path data, Starter starter) {
        EmbeddedSupervisor supervisor = new EmbeddedSupervisor(data, starter);
        supervisor.thread.start();
        return supervisor;
    }

    private void superviseUntilClosed() {
        while (!closed) {
            long since = System.nanoTime();
            Optional<ProcessHandle> server = MariaDbProcesses.serving(data, ProcessHandle.current().children()).stream().findFirst();
            if (server.isEmpty()) {
                log.error("the embedded MariaDB on {} is not among this process's children; it is not supervised", data);
                return;
            }
            try {
                server.get().onExit().get();
            } catch (InterruptedException | ExecutionException e) {
                return;
            }
            if (closed) {
                return;
            }
            boolean stable = Duration.ofNanos(System.nanoTime() - since).compareTo(STABLE) > 0;
            pause = stable ? FIRST_PAUSE : pause;
            log.warn("the embedded MariaDB on {} (pid {}) exited; starting it again", data, server.get().pid());
            startAgain();
        }
    }

    private void startAgain() {
        while (!closed) {
            try {
                Thread.sleep(pause.toMillis());
                if (closed) {
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
                starter.start();
                log.info("the embedded MariaDB on {} is running again", data);
                return;
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                log.warn("could not start the embedded MariaDB on {} again (next try in {} ms): {}", data, pause.toMillis(), e.getMessage());
            }
        }
    }

    /** Stops watching; after this the server may be stopped without being started again. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(40).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
