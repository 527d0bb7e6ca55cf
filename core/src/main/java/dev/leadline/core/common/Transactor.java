package dev.leadline.core.common;

import java.util.function.Supplier;

/**
 * Runs work in one database transaction: all of it commits, or none of it. A transaction the database
 * gave up on (a deadlock) runs again, so the work may run more than once: it must change nothing but
 * the database, and tell the world only after this returns.
 */
public interface Transactor {
    <T> T inTransaction(Supplier<T> work);

    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
