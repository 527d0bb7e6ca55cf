package dev.leadline.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.leadline.core.common.OutcomeUnknownException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.TransactionContext;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.ThreadLocalTransactionProvider;

/**
 * The connection pool, the schema migrations and the jOOQ context for one MariaDB database.
 * Statements issued inside {@link JooqTransactor#inTransaction} join that transaction.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final DSLContext dsl;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        DefaultConfiguration configuration = new DefaultConfiguration();
        configuration.set(SQLDialect.MARIADB);
        configuration.set(new Settings().withExecuteLogging(false).withRenderSchema(false));
        configuration.set(new CommitReporting(new DataSourceConnectionProvider(dataSource)));
        this.dsl = DSL.using(configuration);
    }

    /**
     * Connects and brings the schema up to date.
     *
     * @throws DatabaseUnreachableException when the database cannot be reached or refuses the user
     */
    public static Database connect(String jdbcUrl, String user, String password, int poolSize) {
        boolean galera = reach(jdbcUrl, user, password);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("leadline");
        config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        config.setInitializationFailTimeout(Duration.ofSeconds(10).toMillis());
        // Compare in the schema's own collation: the driver's default (utf8mb4_general_ci) differs from
        // the tables', and MariaDB then cannot use "status = 'PENDING'" to read an index in order, so an
        // UPDATE ... ORDER BY ... LIMIT sorted every matching row (the outbox lease read its whole backlog).
        // On a Galera node a read first waits until the node has applied every write the cluster committed
        // before it (wsrep_sync_wait=1): a lead created through one Leadline node is there for the next
        // request through any other, so a load balancer needs no sticky sessions.
        config.addDataSourceProperty("sessionVariables", "time_zone='+00:00',collation_connection=@@collation_database"
                + (galera ? ",wsrep_sync_wait=1" : ""));
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        if (galera) {
            // no bulk protocol (COM_STMT_BULK_EXECUTE) on Galera: a batch that Galera aborted left the connection
            // out of step, and a claim answered 200 although its UPDATE was rolled back (1-5 rounds in 200 of
            // GaleraChaos's claim race), leads were routed twice, and triggers "had an error in their body".
            // Without it: 0 of 400 rounds, and routing no longer waits out its lease (docs/BENCHMARKS.md).
            config.addDataSourceProperty("useBulkStmts", "false");
            config.addDataSourceProperty("useBulkStmtsForInserts", "false");
        }
        config.setExceptionOverride(new BrokenBatchEviction());
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource);
    }

    /**
     * One connection first, so that a database that cannot be reached is one plain sentence, not a pool's stack trace.
     *
     * @return whether the database is a node of a Galera cluster
     */
    private static boolean reach(String jdbcUrl, String user, String password) {
        Properties login = new Properties();
        login.setProperty("user", user);
        login.setProperty("password", password);
        login.setProperty("connectTimeout", "10000");
        try (Connection connection = DriverManager.getConnection(jdbcUrl, login)) {
            connection.isValid(10);
            return isGaleraNode(connection);
        } catch (SQLException e) {
            throw new DatabaseUnreachableException(shown(jdbcUrl), reason(e), e);
        }
    }

    private static boolean isGaleraNode(Connection connection) throws SQLException {
        try (var statement = connection.createStatement(); var wsrep = statement.executeQuery("SHOW GLOBAL VARIABLES LIKE 'wsrep_on'")) {
            return wsrep.next() && "ON".equalsIgnoreCase(wsrep.getString(2));
        }
    }

    private static String reason(SQLException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (t instanceof java.net.UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof java.net.SocketTimeoutException) {
                return "no answer within 10 s";
            }
        }
        if ("28000".equals(failure.getSQLState())) {
            return "access denied for that user and password";
        }
        String message = String.valueOf(failure.getMessage()).lines().findFirst().orElse("");
        return message.replaceFirst("^\\(conn=\\d+\\) ", "");
    }

    public DSLContext dsl() {
        return dsl;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** True when a connection can be had and answers within the timeout (the pool itself may wait longer). */
    public boolean isUp(Duration timeout) {
        CompletableFuture<Boolean> check = CompletableFuture.supplyAsync(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return connection.isValid((int) Math.max(1, timeout.toSeconds()));
            } catch (SQLException e) {
                return false;
            }
        });
        try {
            return check.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String serverVersion() {
        return dsl.fetchValue(org.jooq.impl.DSL.field("version()", String.class));
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** A commit whose connection breaks may have happened or not: it says so ({@link OutcomeUnknownException}). */
    private static final class CommitReporting extends ThreadLocalTransactionProvider {
        CommitReporting(ConnectionProvider connections) {
            super(connections);
        }

        @Override
        public void commit(TransactionContext ctx) {
            try {
                super.commit(ctx);
            } catch (RuntimeException e) {
                if (DatabaseFailures.connectionLost(e)) {
                    throw new OutcomeUnknownException("the connection to the database broke while committing;"
                            + " the transaction may or may not have been stored", e);
                }
                throw e;
            }
        }
    }

    /** A JDBC URL as it may be logged or shown: a password written into it becomes {@code ***}. */
    public static String shown(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
