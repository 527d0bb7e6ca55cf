package dev.leadline.bench;

import dev.leadline.db.EmbeddedCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded MariaDB a {@link ServerProcess} started in {@code dir}, read over JDBC with the server's own
 * credentials ({@code dir/data/embedded-db.password}; the port from {@code dir/server.log}), to count what
 * the API does not show.
 */
record ServerDatabase(Connection connection) implements AutoCloseable {
    private static final Pattern PORT = Pattern.compile("embedded MariaDB up on 127\\.0\\.0\\.1:(\\d+)");

    static ServerDatabase of(Path dir) throws Exception {
        Matcher port = PORT.matcher(Files.readString(dir.resolve("server.log")));
        if (!port.find()) {
            throw new IllegalStateException("no embedded MariaDB port in " + dir.resolve("server.log"));
        }
        EmbeddedCredentials credentials = EmbeddedCredentials.read(dir.resolve("data"));
        return new ServerDatabase(DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port.group(1) + "/leadline", credentials.user(),
                credentials.password()));
    }

    synchronized long count(String sql) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    synchronized Map<String, Long> counts(String sql) throws Exception {
        Map<String, Long> counts = new java.util.TreeMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
