package dev.leadline.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The 3-node MariaDB Galera cluster of {@code ops/galera/cluster}, on loopback ports from {@code base + 1}:
 * started, a node killed or started again, and stopped with its directory removed.
 */
final class GaleraCluster implements AutoCloseable {
    static final int NODES = 3;
    private final Path script;
    private final Path dir;
    private final int base;

    private GaleraCluster(Path script, Path dir, int base) {
        this.script = script;
        this.dir = dir;
        this.base = base;
    }

    /** True when Debian's galera-4 and mariadb-server are installed. */
    static boolean available() {
        return Path.of("/usr/lib/galera/libgalera_smm.so").toFile().isFile() && Path.of("/usr/sbin/mariadbd").toFile().isFile();
    }

    /**
     * A base port whose twelve ports (SQL, replication, IST and SST for each node) are all free now, so that
     * two runs on one machine do not meet.
     */
    static int freeBase() {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = 20_000 + random.nextInt(100) * 400;
            if (java.util.stream.IntStream.of(1, 2, 3, 101, 102, 103, 201, 202, 203, 301, 302, 303).allMatch(p -> free(base + p))) {
                return base;
            }
        }
        throw new IllegalStateException("no free ports for a Galera cluster");
    }

    private static boolean free(int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts the three nodes in {@code dir} (bootstrapping the first) and waits until all are Synced. */
    static GaleraCluster start(Path script, Path dir, int base) throws IOException, InterruptedException {
        GaleraCluster cluster = new GaleraCluster(script, dir, base);
        // a harness stopped half way (Ctrl-C, a timeout) leaves no mariadbd behind
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                cluster.close();
            } catch (Exception e) {
                // stopping at exit is best effort
            }
        }));
        cluster.run("start", dir.toString(), Integer.toString(base));
        return cluster;
    }

    /**
     * A JDBC URL that lists every node, {@code first} first: Connector/J uses that node and fails over to
     * the next in the list when it cannot be reached.
     */
    String url(int first) {
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            hosts.add("127.0.0.1:" + (base + 1 + (first - 1 + i) % NODES));
        }
        // -Dgalera.urlOptions=disablePipeline=true tries Connector/J options on the Leadline nodes
        String options = System.getProperty("galera.urlOptions", "");
        return "jdbc:mariadb:sequential://" + String.join(",", hosts) + "/leadline" + (options.isEmpty() ? "" : "?" + options);
    }

    /** A connection to node {@code n} alone, as the harness's own checks use. */
    Connection connect(int n) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + (base + n) + "/leadline", "leadline", "leadline");
    }

    void kill(int node) throws IOException, InterruptedException {
        run("kill", dir.toString(), Integer.toString(node));
    }

    void restart(int node) throws IOException, InterruptedException {
        run("restart", dir.toString(), Integer.toString(node));
    }

    String status() throws IOException, InterruptedException {
        return run("status", dir.toString());
    }

    private String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }

    /** Stops every node and removes the cluster's directory; again is harmless. */
    @Override
    public synchronized void close() throws IOException, InterruptedException {
        if (java.nio.file.Files.exists(dir)) {
            run("stop", dir.toString());
            try (var paths = java.nio.file.Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
