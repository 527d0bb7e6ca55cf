package dev.leadline.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.leadline.core.common.OutcomeUnknownException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A connection that breaks inside a transaction: before the commit nothing happened; at the commit nobody knows. */
class BrokenConnectionOnMariaDbTest {
    private Database database;
    private JooqTransactor transactor;

    @BeforeEach
    void connect() {
        database = TestDatabases.fresh();
        transactor = new JooqTransactor(database.dsl());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aCommitWhoseConnectionBreaksSaysItsOutcomeIsUnknown() {
        Throwable failure = catchThrowable(() -> transactor.inTransaction(() -> {
            killThisConnection();
            return null;
        }));

        assertThat(failure).isInstanceOf(OutcomeUnknownException.class);
        assertThat(DatabaseFailures.outcomeUnknown(failure)).isTrue();
    }

    @Test
    void aStatementWhoseConnectionBreaksBeforeTheCommitIsAConnectionLossWithAKnownOutcome() {
        Throwable failure = catchThrowable(() -> transactor.inTransaction(() -> {
            killThisConnection();
            return database.dsl().fetchValue("select 1");
        }));

        assertThat(DatabaseFailures.connectionLost(failure)).as("%s", failure).isTrue();
        assertThat(DatabaseFailures.outcomeUnknown(failure)).isFalse();
    }

    @Test
    void anErrorOfTheStatementItselfIsNeitherALossNorUnknown() {
        Throwable failure = catchThrowable(() -> transactor.inTransaction(() -> database.dsl().fetchValue("select * from no_such_table")));

        assertThat(failure).isNotNull();
        assertThat(DatabaseFailures.connectionLost(failure)).isFalse();
        assertThat(DatabaseFailures.outcomeUnknown(failure)).isFalse();
    }

    private void killThisConnection() {
        long id = database.dsl().fetchValue(org.jooq.impl.DSL.field("connection_id()", Long.class));
        EmbeddedMariaDb server = TestDatabases.server();
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(""), server.credentials().user(), server.credentials().password());
             Statement statement = connection.createStatement()) {
            statement.execute("KILL " + id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
