package dev.leadline.db;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.BatchUpdateException;
import java.sql.SQLException;

/**
 * Drops a connection whose JDBC batch ({@link JdbcBatch}, sent in MariaDB's bulk protocol) failed as a
 * deadlock or a Galera abort. On Galera such a connection was seen answering the next statements with
 * the batch's leftover errors (its {@code ROLLBACK} failed with 1213), after which a later transaction
 * on it stored part of its work: routing decisions without the leads' new places. The transactor runs
 * the failed transaction again, on another connection.
 */
final class BrokenBatchEviction implements SQLExceptionOverride {
    @java.lang.Override
    public Override adjudicate(SQLException failure) {
        return failure instanceof BatchUpdateException && JooqTransactor.isRetryable(failure) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
