package dev.leadline.db;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** A database that cannot be reached, or will not let us in, is one plain sentence without the password. */
class DatabaseConnectTest {

    @Test
    void aWrongPasswordIsRefusedAsAccessDeniedWithoutThePassword() {
        EmbeddedMariaDb server = TestDatabases.server();
        String url = server.jdbcUrl() + "?password=inTheUrl";

        assertThatThrownBy(() -> Database.connect(url, server.credentials().user(), "not-the-password", 2))
                .isInstanceOf(DatabaseUnreachableException.class)
                .hasMessageEndingWith(": access denied for that user and password")
                .hasMessageContaining("password=***")
                .hasMessageNotContaining("not-the-password").hasMessageNotContaining("inTheUrl");
    }

    @Test
    void aClosedPortIsAConnectionRefused() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:mariadb://127.0.0.1:" + closedPort + "/leadline";

        assertThatThrownBy(() -> Database.connect(url, "leadline", "secret", 2))
                .isInstanceOf(DatabaseUnreachableException.class)
                .hasMessage("cannot reach the database at " + url + ": connection refused");
    }
}
