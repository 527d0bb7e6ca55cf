package dev.leadline.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transactor runs a transaction again when MariaDB chose it as a deadlock victim, and only then. */
class JooqTransactorOnMariaDbTest {
    private static Database database;
    private static DSLContext dsl;
    private final JooqTransactor transactor = new JooqTransactor(dsl);

    @BeforeAll
    static void connect() {
        database = TestDatabases.fresh();
        dsl = database.dsl();
        dsl.execute("create table counter (id int primary key, n int not null)");
    }

    @AfterAll
    static void disconnect() {
        database.close();
    }

    @BeforeEach
    void twoRows() {
        dsl.execute("delete from counter");
        dsl.execute("insert into counter values (1, 0), (2, 0)");
    }

    @Test
    void twoTransactionsLockingTwoRowsInOppositeOrdersBothCommitWhenTheDeadlockVictimRunsAgain() throws Exception {
        CyclicBarrier bothHoldTheirFirstRow = new CyclicBarrier(2);
        AtomicInteger attempts = new AtomicInteger();
        CompletableFuture<Void> forward = CompletableFuture.runAsync(() -> crossOver(1, 2, bothHoldTheirFirstRow, attempts));
        CompletableFuture<Void> backward = CompletableFuture.runAsync(() -> crossOver(2, 1, bothHoldTheirFirstRow, attempts));

        CompletableFuture.allOf(forward, backward).get(30, TimeUnit.SECONDS);

        assertThat(attempts).as("the victim ran twice, the other once").hasValue(3);
        assertThat(dsl.fetch("select n from counter order by id").getValues(0, Integer.class)).containsExactly(2, 2);
    }

    @Test
    void aDeadlockInANestedTransactionRunsTheOutermostAgainNotTheNestedOneAlone() throws Exception {
        CyclicBarrier bothHoldTheirFirstRow = new CyclicBarrier(2);
        AtomicInteger outer = new AtomicInteger();
        AtomicInteger nested = new AtomicInteger();
        Runnable forward = () -> transactor.inTransaction(() -> {
            outer.incrementAndGet();
            transactor.inTransaction(() -> crossOver(1, 2, bothHoldTheirFirstRow, nested));
        });
        Runnable backward = () -> transactor.inTransaction(() -> {
            outer.incrementAndGet();
            transactor.inTransaction(() -> crossOver(2, 1, bothHoldTheirFirstRow, nested));
        });

        CompletableFuture.allOf(CompletableFuture.runAsync(forward), CompletableFuture.runAsync(backward)).get(30, TimeUnit.SECONDS);

        assertThat(outer).hasValue(3);
        assertThat(nested).as("each nested run was its outermost transaction's").hasValue(3);
        assertThat(dsl.fetch("select n from counter order by id").getValues(0, Integer.class)).containsExactly(2, 2);
    }

    @Test
    void whatATransactionAsksToDoAfterItsCommitHappensOnceForTheAttemptThatCommitted() throws Exception {
        CyclicBarrier bothHoldTheirFirstRow = new CyclicBarrier(2);
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger told = new AtomicInteger();
        Runnable forward = () -> transactor.inTransaction(() -> {
            crossOver(1, 2, bothHoldTheirFirstRow, attempts);
            JooqTransactor.afterCommit(told::incrementAndGet);
        });
        Runnable backward = () -> transactor.inTransaction(() -> {
            JooqTransactor.afterCommit(told::incrementAndGet);
            crossOver(2, 1, bothHoldTheirFirstRow, attempts);
        });

        CompletableFuture.allOf(CompletableFuture.runAsync(forward), CompletableFuture.runAsync(backward)).get(30, TimeUnit.SECONDS);

        assertThat(attempts).as("one transaction ran twice").hasValue(3);
        assertThat(told).as("once per committed transaction, not per attempt").hasValue(2);
    }

    @Test
    void nothingAskedForByARolledBackTransactionOrSavepointHappens() {
        AtomicInteger told = new AtomicInteger();

        assertThatThrownBy(() -> transactor.inTransaction(() -> {
            JooqTransactor.afterCommit(told::incrementAndGet);
            dsl.execute("insert into counter values (2, 0)");
        })).isInstanceOf(DataAccessException.class);
        transactor.inTransaction(() -> {
            JooqTransactor.afterCommit(told::incrementAndGet);
            try {
                transactor.inTransaction(() -> {
                    JooqTransactor.afterCommit(() -> told.addAndGet(100));
                    dsl.execute("insert into counter values (2, 0)");
                });
            } catch (DataAccessException expected) {
                // the savepoint is rolled back, the transaction goes on
            }
            assertThat(told).as("not before the commit").hasValue(0);
        });

        assertThat(told).as("only the outer transaction's, after its commit").hasValue(1);
    }

    @Test
    void aFailureThatIsNotADeadlockIsNotRunAgain() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> transactor.inTransaction(() -> {
            attempts.incrementAndGet();
            dsl.execute("update counter set n = n + 1 where id = 1");
            dsl.execute("insert into counter values (2, 0)");
        })).isInstanceOf(DataAccessException.class).hasMessageContaining("Duplicate entry");

        assertThat(attempts).hasValue(1);
        assertThat(dsl.fetch("select n from counter order by id").getValues(0, Integer.class)).as("rolled back").containsExactly(0, 0);
    }

    @Test
    void aTransactionThatKeepsDeadlockingGivesUpAfterFiveAttempts() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> transactor.inTransaction(() -> {
            attempts.incrementAndGet();
            throw new DataAccessException("deadlock", new SQLTransactionRollbackException("Deadlock found when trying to get lock", "40001", 1213));
        })).hasMessage("deadlock");

        assertThat(attempts).hasValue(JooqTransactor.ATTEMPTS);
    }

    @Test
    void whatRunsAfterCommitRunsOnceTheOutermostTransactionCommitsOnceHoweverOftenItRan() {
        AtomicInteger attempts = new AtomicInteger();
        java.util.List<Integer> seen = new java.util.ArrayList<>();

        transactor.inTransaction(() -> {
            dsl.execute("update counter set n = n + 1 where id = 1");
            transactor.inTransaction(() -> JooqTransactor.afterCommit(() -> seen.add(dsl.fetchOne("select n from counter where id = 1")
                    .get(0, Integer.class))));
            if (attempts.incrementAndGet() == 1) {
                throw new DataAccessException("deadlock", new SQLTransactionRollbackException("Deadlock found", "40001", 1213));
            }
            assertThat(seen).as("not before the commit").isEmpty();
        });

        assertThat(seen).as("once, after the commit (seen from another connection)").containsExactly(1);
    }

    @Test
    void whatRunsAfterCommitDoesNotRunWhenTheTransactionRollsBack() {
        AtomicInteger ran = new AtomicInteger();

        assertThatThrownBy(() -> transactor.inTransaction(() -> {
            JooqTransactor.afterCommit(ran::incrementAndGet);
            throw new IllegalStateException("no");
        })).hasMessage("no");
        transactor.inTransaction(() -> dsl.execute("update counter set n = n + 1 where id = 1"));

        assertThat(ran).as("neither then nor after the next transaction").hasValue(0);
    }

    @Test
    void aGaleraCertificationFailureAndALockWaitTimeoutAreRetriedLikeADeadlock() {
        assertThat(JooqTransactor.isRetryable(new DataAccessException("x", new SQLException(
                "WSREP detected deadlock/conflict and aborted the transaction. Try restarting the transaction", "40001", 1213)))).isTrue();
        assertThat(JooqTransactor.isRetryable(new DataAccessException("x", new SQLException(
                "Lock wait timeout exceeded; try restarting transaction", "HY000", 1205)))).isTrue();
        assertThat(JooqTransactor.isRetryable(new DataAccessException("x", new SQLException(
                "Duplicate entry '2' for key 'PRIMARY'", "23000", 1062)))).isFalse();
    }

    @Test
    void aTransactionWhoseConnectionDiedLeavesTheThreadFreeForTheNextOne() {
        assertThatThrownBy(() -> transactor.inTransaction(() -> {
            dsl.execute("update counter set n = n + 1 where id = 1");
            kill(dsl.fetchOne("select connection_id()").get(0, Long.class));
            dsl.execute("update counter set n = n + 1 where id = 2");
        })).isInstanceOf(DataAccessException.class);

        transactor.inTransaction(() -> dsl.execute("update counter set n = n + 1 where id = 1"));

        assertThat(dsl.fetch("select n from counter order by id").getValues(0, Integer.class)).containsExactly(1, 0);
    }

    private static void kill(long connectionId) {
        try (var other = database.dataSource().getConnection(); var statement = other.createStatement()) {
            statement.execute("kill connection " + connectionId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds one to both rows, {@code first} then {@code second}; on its first run it waits until the other thread holds its first row. */
    private void crossOver(int first, int second, CyclicBarrier bothHoldTheirFirstRow, AtomicInteger attempts) {
        transactor.inTransaction(() -> {
            int attempt = attempts.incrementAndGet();
            dsl.execute("update counter set n = n + 1 where id = ?", first);
            if (attempt <= 2) {
                await(bothHoldTheirFirstRow);
            }
            dsl.execute("update counter set n = n + 1 where id = ?", second);
        });
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
