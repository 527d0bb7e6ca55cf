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
