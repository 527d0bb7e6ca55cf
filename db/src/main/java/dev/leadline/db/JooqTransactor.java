package dev.leadline.db;

import dev.leadline.core.common.Transactor;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/** Runs work in one MariaDB transaction; repositories used inside it join it. */
public final class JooqTransactor implements Transactor {
    private final DSLContext dsl;

    public JooqTransactor(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return dsl.transactionResult(work::get);
    }
}
