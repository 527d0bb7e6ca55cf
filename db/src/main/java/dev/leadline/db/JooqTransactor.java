package dev.leadline.db;

import dev.leadline.core.common.Transactor;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work in one MariaDB transaction; repositories used inside it join it, and a transaction begun
 * inside another is a savepoint of it. Every transaction of the {@code db} module goes through here.
 *
 * <p>When MariaDB picks the transaction as a deadlock victim (1213, also how Galera reports a write set
 * that failed certification) or a lock wait times out (1205), the outermost transaction is rolled back
 * and its work runs again from the start, up to {@value #ATTEMPTS} times in all, after a short pause
 * that doubles each time and is jittered so the contenders do not meet again. A nested transaction
 * passes the failure up: the deadlock undid the whole transaction, not just the savepoint. The work
 * must therefore have no effect outside the database.
 */
public final class JooqTransactor implements Transactor {
    static final int ATTEMPTS = 5;
    private static final int DEADLOCK = 1213;
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final long FIRST_PAUSE_MILLIS = 10;
    private static final Logger log = LoggerFactory.getLogger(JooqTransactor.class);
    /** The database whose outermost transaction this thread runs, whichever transactor began it. */
    private static final ThreadLocal<DSLContext> OUTERMOST = new ThreadLocal<>();
    /** What runs once this thread's outermost transaction has committed. */
    private static final ThreadLocal<List<Runnable>> AFTER_COMMIT = ThreadLocal.withInitial(java.util.ArrayList::new);

    private final DSLContext dsl;

    public JooqTransactor(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        DSLContext outer = OUTERMOST.get();
        if (outer == dsl) {
            return inSavepoint(work);
        }
        OUTERMOST.set(dsl);
        try {
            return withRetries(work);
        } finally {
            OUTERMOST.set(outer);
        }
    }

    /**
     * Runs {@code action} once the transaction this thread is in has committed (not at all if it rolls
     * back, once however often it is retried), or now outside a transaction: for telling this node's
     * background loops about work the transaction adds. The action must be quick and must not fail.
     */
    static void afterCommit(Runnable action) {
        if (OUTERMOST.get() == null) {
            action.run();
        } else {
            AFTER_COMMIT.get().add(action);
        }
    }

    private <T> T withRetries(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            AFTER_COMMIT.get().clear();
            try {
                T result = dsl.transactionResult(work::get);
                List<Runnable> committed = List.copyOf(AFTER_COMMIT.get());
                AFTER_COMMIT.get().clear();
                committed.forEach(Runnable::run);
                return result;
            } catch (RuntimeException e) {
                AFTER_COMMIT.get().clear();
                if (attempt == ATTEMPTS || !isRetryable(e)) {
                    throw e;
                }
                log.debug("transaction attempt {} of {} failed and runs again: {}", attempt, ATTEMPTS, e.getMessage());
                pause(attempt, e);
            }
        }
    }

    /**
     * A transaction inside another: its work is undone alone when it fails, unless the failure undid
     * the whole transaction. Not jOOQ's nested transaction: when its savepoint is gone, the failed
     * rollback leaves jOOQ's per-thread state behind, and every later transaction on the thread then
     * runs on the closed connection of this one.
     */
    private <T> T inSavepoint(Supplier<T> work) {
        Savepoint savepoint = dsl.connectionResult(Connection::setSavepoint);
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            if (!isRetryable(e)) {
                rollBack(savepoint, e);
            }
            throw e;
        }
        dsl.connection(connection -> connection.releaseSavepoint(savepoint));
        return result;
    }

    private void rollBack(Savepoint savepoint, RuntimeException failure) {
        try {
            dsl.connection(connection -> connection.rollback(savepoint));
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** True for a deadlock, a Galera certification failure or a lock wait timeout anywhere in the chain of causes. */
    static boolean isRetryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && (sql.getErrorCode() == DEADLOCK || sql.getErrorCode() == LOCK_WAIT_TIMEOUT || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static void pause(int attempt, RuntimeException failure) {
        long base = FIRST_PAUSE_MILLIS << (attempt - 1);
        try {
            Thread.sleep(base / 2 + ThreadLocalRandom.current().nextLong(base + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }
}
