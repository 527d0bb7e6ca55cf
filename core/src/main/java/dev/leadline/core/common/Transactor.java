package dev.leadline.core.common;

import java.util.function.Supplier;

/** Runs work in one database transaction: all of it commits, or none of it. */
public interface Transactor {
    <T> T inTransaction(Supplier<T> work);

    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
