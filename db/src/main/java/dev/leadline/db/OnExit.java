package dev.leadline.db;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one JVM shutdown hook of a Leadline process (SIGTERM, Ctrl-C, {@code System.exit}): it closes
 * what was registered here one after the other, the last registered first, so a server stops
 * before the embedded MariaDB it runs on. Separate hooks would run at the same time, in no order.
 */
public final class OnExit {
    private static final Logger log = LoggerFactory.getLogger(OnExit.class);
    private static final Deque<AutoCloseable> OPEN = new ArrayDeque<>();
    private static boolean hooked;

    private OnExit() {}

    /** Closes {@code resource} when the JVM exits, before everything registered earlier. */
    public static synchronized void register(AutoCloseable resource) {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(OnExit::closeAll, "leadline-shutdown"));
            hooked = true;
        }
        OPEN.push(resource);
    }

    /** For a resource closed before the JVM exits: nothing is left to do for it then. */
    public static synchronized void unregister(AutoCloseable resource) {
        OPEN.removeFirstOccurrence(resource);
    }

    private static void closeAll() {
        for (AutoCloseable next = next(); next != null; next = next()) {
            try {
                next.close();
            } catch (Exception e) {
                log.error("{} did not close at exit", next, e);
            }
        }
    }

    private static synchronized AutoCloseable next() {
        return OPEN.poll();
    }
}
