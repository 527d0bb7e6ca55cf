package dev.leadline.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Leadline on a 3-node MariaDB Galera cluster ({@code ops/galera/cluster}): two nodes of the built jar,
 * node A on Galera node 1 and node B on Galera node 2 (each URL lists all three, so a node fails over),
 * then the claim race across both, an import routed once, a Galera node killed during a burst of
 * creates and claims, and a Leadline node killed while routing an import.
 *
 * <p>{@code GaleraChaos [rounds] [importRows] [killRows]} (default 200 rounds of 50 claims, 2,000 rows, and as
 * many, at most 2,000, in the import whose node is killed); prints each
 * result and exits 1 when a check fails. {@code -Dgalera.only=claims} stops after the claim race, {@code -Dgalera.only=import}
 * after the routed import (with 0 rounds: {@code GaleraChaos 0 100000} is the import benchmark on two nodes). Needs
 * Debian's {@code mariadb-server} and {@code galera-4}.
 */
public final class GaleraChaos {
    static final int REPS = 100;
    final List<String> failures = new ArrayList<>();
    final Map<String, String> results = new LinkedHashMap<>();
    private final GaleraCluster cluster;
    private final Path dir;
    Node a;
    Node b;

    private GaleraChaos(GaleraCluster cluster, Path dir) {
        this.cluster = cluster;
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int importRows = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int killRows = args.length > 2 ? Integer.parseInt(args[2]) : Math.min(importRows, 2_000);
        GaleraChaos chaos = run(Path.of(System.getProperty("galera.script", "ops/galera/cluster")), rounds, importRows, killRows);
        System.exit(chaos.failures.isEmpty() ? 0 : 1);
    }

    /** Every scenario in turn on a new cluster and two new nodes; the cluster and nodes are gone when it returns. */
    static GaleraChaos run(Path script, int rounds, int importRows, int killRows) throws Exception {
        Path dir = ServerProcess.tempDir("leadline-galera");
        long t0 = System.nanoTime();
        // Leadline nodes still running when the harness is stopped half way are stopped with it
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().children().forEach(ProcessHandle::destroy)));
        // as root the cluster runs as the mysql user, who must be able to reach its directory
        Path galera = Files.createTempDirectory("leadline-galera-db", java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x")));
        try (GaleraCluster cluster = GaleraCluster.start(script, galera, Integer.getInteger("galera.basePort", GaleraCluster.freeBase()))) {
            GaleraChaos chaos = new GaleraChaos(cluster, dir);
            chaos.note("cluster", String.format("3 Galera nodes Synced in %.1f s", (System.nanoTime() - t0) / 1e9));
            int portA = freePort();
            try (ServerProcess first = chaos.startNode("a", 1, portA)) {
                chaos.a = new Node("A", first);
                try (ServerProcess second = chaos.startNode("b", 2, freePort())) {
                    chaos.b = new Node("B", second);
                    String only = System.getProperty("galera.only", "");
                    chaos.claimRace(rounds);
                    if (!only.equals("claims")) {
                        new GaleraImports(chaos, cluster, dir).routedOnce(importRows);
                    }
                    if (only.isEmpty()) {
                        new GaleraFaults(chaos, cluster).galeraNodeKilledDuringBurst();
                        new GaleraImports(chaos, cluster, dir).leadlineNodeKilledWhileRouting(killRows, () -> chaos.startNode("a", 1, portA));
                    }
                }
            } finally {
                keepLogs(dir);
                keepLogs(galera);
            }
            chaos.failures.forEach(f -> System.out.println("FAILED: " + f));
            System.out.printf("galera chaos: %d check(s) failed, %.0f s in all%n", chaos.failures.size(), (System.nanoTime() - t0) / 1e9);
            return chaos;
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    /** With {@code -Dgalera.logs=DIR}, the nodes' and the cluster's logs are copied there before the temp directory goes. */
    private static void keepLogs(Path dir) throws java.io.IOException {
        String to = System.getProperty("galera.logs");
        if (to == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                Path copy = Path.of(to).resolve(dir.relativize(log));
                Files.createDirectories(copy.getParent());
                Files.copy(log, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    ServerProcess startNode(String name, int galeraNode, int port) throws Exception {
        Path home = dir.resolve("node-" + name);
        Files.createDirectories(home);
        Files.writeString(home.resolve("leadline.yml"), "reps:\n  - {email: boss@bench.example, name: Boss, role: MANAGER}\n"
                + IntStream.range(0, REPS).mapToObj(i -> "  - {email: " + rep(i) + ", name: Rep " + i + "}\n").collect(Collectors.joining())
                + "queues:\n  - name: Inbound\n    members: [" + IntStream.range(0, REPS).mapToObj(GaleraChaos::rep).collect(Collectors.joining(", "))
                + "]\n  - {name: Pool, strategy: round-robin, members: [" + IntStream.range(0, 10).mapToObj(GaleraChaos::rep)
                .collect(Collectors.joining(", ")) + "]}\n");
        ServerProcess server = ServerProcess.start(home, port, Map.of("LEADLINE_DB_URL", cluster.url(galeraNode), "LEADLINE_DB_USER", "leadline",
                "LEADLINE_DB_PASSWORD", "leadline", "LEADLINE_DB_POOL_SIZE", "24", "LEADLINE_DATA_DIR", home.resolve("data").toString(),
                "LEADLINE_PLUGINS_DIR", home.resolve("none").toString(), "LEADLINE_CONFIG", home.resolve("leadline.yml").toString()), "-Xmx384m");
        note("node " + name.toUpperCase(), "up on Galera node " + galeraNode + " first in " + server.readyMillis + " ms");
        if (!Files.exists(home.resolve("none/disabled.txt"))) {
            // each node keeps its own plugin switches (in its plugins directory): off on both, as in ImportBench's figures
            MergeImportBench.pluginsOff(java.net.http.HttpClient.newHttpClient(), server);
        }
        return server;
    }

    /** Polls the condition every 50 ms (a failing poll counts as not yet); false when it does not hold within the limit. */
    static boolean within(java.time.Duration limit, java.util.concurrent.Callable<Boolean> condition) {
        try {
            org.awaitility.Awaitility.await().atMost(limit).pollInterval(java.time.Duration.ofMillis(50)).ignoreExceptions().until(condition);
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    static String rep(int i) {
        return "rep" + i + "@bench.example";
    }

    void note(String what, String result) {
        results.put(what, result);
        System.out.println(what + ": " + result);
    }

    void check(boolean ok, String failure) {
        if (!ok) {
            failures.add(failure);
        }
    }

    /** A new lead created on {@code on} and offered to the Inbound queue there. */
    static String offeredLead(Node on) {
        Node.Answer created = on.post("/api/v1/leads", "{\"lastName\":\"Race\",\"company\":\"Race Co\"}");
        if (!created.ok()) {
            throw new IllegalStateException("create on " + on.name() + ": " + created);
        }
        String lead = created.leadId();
        Node.Answer offered = on.post("/api/v1/leads/" + lead + "/assign", "{\"rep\":\"boss@bench.example\",\"queue\":\"Inbound\"}");
        if (!offered.ok()) {
            throw new IllegalStateException("assign on " + on.name() + ": " + offered);
        }
        return lead;
    }

    /** The lead's timeline as Galera node 3 has it: each entry's type, actor, time and summary. */
    private String timeline(String lead) throws java.sql.SQLException {
        StringBuilder entries = new StringBuilder();
        try (var c = cluster.connect(3); var s = c.prepareStatement("SELECT type, actor, occurred_at, summary FROM activity WHERE lead_id = ? ORDER BY id")) {
            s.setLong(1, Long.parseLong(lead.substring(2)));
            try (var r = s.executeQuery()) {
                while (r.next()) {
                    entries.append(String.format("%n  %s %s %s %s", r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
                }
            }
        }
        return entries.toString();
    }

    /** 50 reps claim one lead at once, half through A and half through B; exactly one must win each round. */
    void claimRace(int rounds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        long t0 = System.nanoTime();
        int exactlyOne = 0;
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        try {
            for (int r = 0; r < rounds; r++) {
                String lead = offeredLead(r % 2 == 0 ? a : b);
                CyclicBarrier start = new CyclicBarrier(50);
                List<Future<Integer>> claims = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    Node via = i % 2 == 0 ? a : b;
                    String body = "{\"rep\":\"" + rep(i) + "\"}";
                    claims.add(pool.submit(() -> {
                        start.await();
                        return via.post("/api/v1/leads/" + lead + "/claim", body).status();
                    }));
                }
                List<String> winners = new ArrayList<>();
                int taken = 0;
                for (int i = 0; i < 50; i++) {
                    int status = claims.get(i).get();
                    statuses.merge(status, 1, Integer::sum);
                    if (status == 200) {
                        winners.add(rep(i) + " via " + (i % 2 == 0 ? "A" : "B"));
                    }
                    taken += status == 409 ? 1 : 0;
                }
                if (winners.size() == 1 && taken == 49) {
                    exactlyOne++;
                } else {
                    System.out.println("round " + r + ": " + lead + " won by " + winners + ", " + taken + " told it was taken; the lead now: "
                            + b.get("/api/v1/leads/" + lead).body().replaceFirst("(?s).*(\"owner[^,]*,).*(\"claimedAt[^,]*,).*", "$1 $2")
                            + timeline(lead));
                }
            }
        } finally {
            pool.shutdown();
        }
        note("claim race", String.format("50 claims on one lead across A and B x %d rounds: exactly one winner in %d rounds; statuses %s; %.1f s",
                rounds, exactlyOne, statuses, (System.nanoTime() - t0) / 1e9));
        check(exactlyOne == rounds, "claim race: " + (rounds - exactlyOne) + " of " + rounds + " rounds without exactly one winner");
    }
}
