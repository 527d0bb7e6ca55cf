package dev.leadline.db;

import dev.leadline.core.common.Transactor;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
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
    /** What this thread's outermost transaction does once it has committed (see {@link #afterCommit}). */
    private static final ThreadLocal<List<Runnable>> AFTER_COMMIT = new ThreadLocal<>();

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
        List<Runnable> outerActions = AFTER_COMMIT.get();
        try {
            return withRetries(work);
        } finally {
            OUTERMOST.set(outer);
            AFTER_COMMIT.set(outerActions);
        }
    }

    /**
     * Runs {@code action} once the outermost transaction of this thread has committed, or now when none
     * is running: for telling the world (a metric, say) about work that a deadlock may run again or a
     * failure may undo. An attempt that is rolled back drops what it asked for, and so does a savepoint
     * rolled back on its own. An action that fails is logged; it cannot undo the commit.
     */
    public static void afterCommit(Runnable action) {
        List<Runnable> actions = AFTER_COMMIT.get();
        if (actions == null) {
            action.run();
        } else {
            actions.add(action);
        }
    }

    private <T> T withRetries(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            List<Runnable> actions = new ArrayList<>(2);
            AFTER_COMMIT.set(actions);
            try {
                T result = dsl.transactionResult(work::get);
                AFTER_COMMIT.set(null);
                actions.forEach(JooqTransactor::runCommitted);
                return result;
            } catch (RuntimeException e) {
                AFTER_COMMIT.set(null);
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
        List<Runnable> actions = AFTER_COMMIT.get();
        int asked = actions == null ? 0 : actions.size();
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            if (!isRetryable(e)) {
                rollBack(savepoint, e);
                if (actions != null) {
                    actions.subList(asked, actions.size()).clear();
                }
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

    private static void runCommitted(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.warn("an action after a commit failed: {}", e.toString());
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
