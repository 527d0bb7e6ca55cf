package dev.leadline.db;

import dev.leadline.core.common.OutcomeUnknownException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/** Tells a failure to reach the database (down, restarting, connection broken) from any other error. */
public final class DatabaseFailures {
    private DatabaseFailures() {}

    /**
     * True when {@code failure} or one of its causes is a lost or refused connection: the pool timed
     * out waiting for one, the driver's socket broke, or the server answered with SQLSTATE class 08.
     */
    public static boolean connectionLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the database refused the work for now, after the transactor's own attempts: a deadlock or
     * Galera certification failure (1213, SQLSTATE 40001) or a lock wait timeout (1205) that kept coming,
     * or a Galera node not ready for queries during a change of the cluster (1047, SQLSTATE 08S01 counts as
     * a lost connection already). Nothing was stored; the same request can be sent again.
     */
    public static boolean busy(Throwable failure) {
        if (JooqTransactor.isRetryable(failure)) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == WSREP_NOT_READY) {
                return true;
            }
        }
        return false;
    }

    private static final int WSREP_NOT_READY = 1047;

    /** True when {@code failure} or one of its causes says a commit may or may not have happened. */
    public static boolean outcomeUnknown(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OutcomeUnknownException) {
                return true;
            }
        }
        return false;
    }
}
