package dev.leadline.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * This server's name among the nodes sharing one database, kept in {@code LEADLINE_DATA_DIR/node-id} so
 * that a node restarted on the same data directory knows the work it held before (an import it was
 * running) and takes it back at once, instead of waiting for its hold to run out.
 */
final class NodeName {
    private NodeName() {}

    static String of(Path dataDir) {
        Path file = dataDir.resolve("node-id");
        try {
            if (Files.isRegularFile(file)) {
                String kept = Files.readString(file).strip();
                if (kept.matches("[A-Za-z0-9._-]{8,64}")) {
                    return kept;
                }
            }
            String name = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
            Files.createDirectories(dataDir);
            Files.writeString(file, name + "\n");
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep this node's name in " + file + ": " + e.getMessage(), e);
        }
    }

    /** A name for a process that runs once and leaves (a command line tool). */
    static String passing() {
        return hostName() + "-tool-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String hostName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "node";
        }
        String safe = host.replaceAll("[^A-Za-z0-9.-]", "-");
        return safe.length() <= 40 ? safe : safe.substring(0, 40);
    }
}
