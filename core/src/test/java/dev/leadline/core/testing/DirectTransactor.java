package dev.leadline.core.testing;

import dev.leadline.core.common.Transactor;
import java.util.function.Supplier;

/** Runs work directly; in-memory fakes have nothing to roll back. */
public final class DirectTransactor implements Transactor {
    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return work.get();
    }
}
