package dev.leadline.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/** Which database failures a request may simply be sent again after (a 503), and which are bugs (a 500). */
class DatabaseFailuresTest {
    @Test
    void aDeadlockThatKeptComingALockWaitAndAGaleraNodeNotReadyAreBusyNotBugs() {
        assertThat(DatabaseFailures.busy(new DataAccessException("x",
                new SQLTransactionRollbackException("Deadlock found when trying to get lock", "40001", 1213)))).isTrue();
        assertThat(DatabaseFailures.busy(new DataAccessException("x", new SQLException("Lock wait timeout exceeded", "HY000", 1205)))).isTrue();
        assertThat(DatabaseFailures.busy(new DataAccessException("x",
                new SQLException("WSREP has not yet prepared node for application use", "08S01", 1047)))).isTrue();
        assertThat(DatabaseFailures.busy(new DataAccessException("x", new SQLException("Duplicate entry '2' for key 'PRIMARY'", "23000", 1062))))
                .isFalse();
        assertThat(DatabaseFailures.busy(new IllegalStateException("a bug"))).isFalse();
    }
}
