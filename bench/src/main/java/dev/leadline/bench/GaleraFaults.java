package dev.leadline.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A Galera node killed (SIGKILL) while both Leadline nodes create and claim leads. */
final class GaleraFaults {
    private static final int WORKERS = 8;
    private final GaleraChaos chaos;
    private final GaleraCluster cluster;
    /** Leads whose create was acknowledged (2xx), and for each the reps told they won its claim. */
    private final Map<String, List<String>> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final AtomicLong createdAfterKill = new AtomicLong();
    private volatile long killedAt = Long.MAX_VALUE;

    GaleraFaults(GaleraChaos chaos, GaleraCluster cluster) {
        this.chaos = chaos;
        this.cluster = cluster;
    }

    /**
     * For 25 s, {@value #WORKERS} clients create a lead (half through A, half through B), offer it, and have two
     * reps claim it at once, one through each node; Galera node 1, where A writes, is killed once 60 leads are in.
     */
    void galeraNodeKilledDuringBurst() throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS * 3);
        long end = System.nanoTime() + Duration.ofSeconds(25).toNanos();
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            Node via = w % 2 == 0 ? chaos.a : chaos.b;
            int worker = w;
            running.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; System.nanoTime() < end; i++) {
                    createAndRace(via, worker, i, workers);
                }
            }, workers));
        }
        // the burst in full flow on both nodes first
        GaleraChaos.within(Duration.ofSeconds(20), () -> acknowledged.size() >= 60);
        cluster.kill(1);
        killedAt = System.nanoTime();
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        workers.shutdown();
        verify();
        long t0 = System.nanoTime();
        cluster.restart(1);
        chaos.note("Galera node 1 back", String.format("rejoined and Synced in %.1f s", (System.nanoTime() - t0) / 1e9));
    }

    private void createAndRace(Node via, int worker, int i, ExecutorService pool) {
        Node.Answer created = via.post("/api/v1/leads", "{\"lastName\":\"Burst" + worker + "x" + i + "\",\"company\":\"Burst Co\"}");
        count("create via " + via.name(), created.status());
        if (!created.ok()) {
            return;
        }
        String lead = created.leadId();
        acknowledged.put(lead, new java.util.concurrent.CopyOnWriteArrayList<>());
        if (System.nanoTime() > killedAt) {
            createdAfterKill.incrementAndGet();
        }
        Node.Answer offered = via.post("/api/v1/leads/" + lead + "/assign", "{\"rep\":\"boss@bench.example\",\"queue\":\"Inbound\"}");
        count("assign via " + via.name(), offered.status());
        if (!offered.ok()) {
            return;
        }
        List<CompletableFuture<Void>> claims = new ArrayList<>();
        for (Node claimVia : List.of(chaos.a, chaos.b)) {
            String rep = GaleraChaos.rep(claimVia == chaos.a ? worker * 2 : worker * 2 + 1);
            claims.add(CompletableFuture.runAsync(() -> {
                Node.Answer claim = claimVia.post("/api/v1/leads/" + lead + "/claim", "{\"rep\":\"" + rep + "\"}");
                count("claim via " + claimVia.name(), claim.status());
                if (claim.status() == 200) {
                    acknowledged.get(lead).add(rep);
                }
            }, pool));
        }
        claims.forEach(CompletableFuture::join);
    }

    private void count(String what, int status) {
        statuses.computeIfAbsent(what + " " + status, k -> new AtomicLong()).incrementAndGet();
    }

    /** On Galera node 2: every acknowledged lead is there, and each claimed one is owned by the one rep told it won. */
    private void verify() throws Exception {
        Map<String, String> owners = new java.util.HashMap<>();
        try (Connection c = cluster.connect(2); Statement s = c.createStatement()) {
            s.execute("SET SESSION wsrep_sync_wait = 1");
            try (ResultSet r = s.executeQuery("SELECT l.id, r.email FROM sales_lead l LEFT JOIN rep r ON r.id = l.owner_rep_id"
                    + " WHERE l.last_name LIKE 'Burst%'")) {
                while (r.next()) {
                    owners.put("L-" + r.getLong(1), String.valueOf(r.getString(2)));
                }
            }
        }
        Set<String> lost = new java.util.TreeSet<>(acknowledged.keySet());
        lost.removeAll(owners.keySet());
        long twice = acknowledged.values().stream().filter(winners -> winners.size() > 1).count();
        long wrongOwner = acknowledged.entrySet().stream().filter(e -> e.getValue().size() == 1)
                .filter(e -> !e.getValue().get(0).equals(owners.get(e.getKey()))).count();
        long fiveHundreds = statuses.entrySet().stream().filter(e -> e.getKey().endsWith(" 500")).mapToLong(e -> e.getValue().get()).sum();
        chaos.note("Galera node killed during burst", String.format("%,d leads acknowledged (%,d after the kill), %d lost, %d claimed twice, "
                + "%d owned by another rep than the winner; responses %s", acknowledged.size(), createdAfterKill.get(), lost.size(), twice, wrongOwner,
                new java.util.TreeMap<>(statuses)));
        chaos.check(lost.isEmpty(), "acknowledged leads lost after the Galera node was killed: " + lost);
        chaos.check(twice == 0, twice + " leads told two reps they won the claim");
        chaos.check(wrongOwner == 0, wrongOwner + " leads owned by another rep than the claim's winner");
        chaos.check(createdAfterKill.get() > 0, "no lead was created after the Galera node was killed");
        chaos.check(fiveHundreds == 0, fiveHundreds + " requests answered 500 during the burst");
    }
}
