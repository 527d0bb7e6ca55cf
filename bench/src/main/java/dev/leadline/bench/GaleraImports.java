package dev.leadline.bench;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Callable;

/** Imports on the cluster: routed exactly once across the nodes, and finished after a node is killed half way. */
final class GaleraImports {
    private final GaleraChaos chaos;
    private final GaleraCluster cluster;
    private final Path dir;

    GaleraImports(GaleraChaos chaos, GaleraCluster cluster, Path dir) {
        this.chaos = chaos;
        this.cluster = cluster;
        this.dir = dir;
    }

    /** Uploaded through B, its job read through A, routed by both nodes' routers into a round-robin queue of 10 reps. */
    void routedOnce(int rows) throws Exception {
        Node.Answer rules = chaos.a.put("/api/v1/rules/import", "application/yaml", "default: {queue: Pool}");
        if (!rules.ok()) {
            throw new IllegalStateException("rules refused: " + rules);
        }
        // each node reads the rules in force again every 5 s: B routes by them once it has
        if (!GaleraChaos.within(Duration.ofSeconds(30), () -> chaos.b.get("/api/v1/rules/import").body().contains("Pool"))) {
            throw new IllegalStateException("B did not see the import rules saved on A within 30 s");
        }
        Path csv = generate(dir.resolve("g1.csv"), "G1-", 1, rows);
        long t0 = System.nanoTime();
        String job = chaos.b.importAsync(csv);
        String status = awaitJob(chaos.a, job, Duration.ofMinutes(30));
        double imported = (System.nanoTime() - t0) / 1e9;
        double routed = awaitRouted("G1-", Duration.ofMinutes(30), t0);
        chaos.note("import", String.format("%,d rows uploaded to B, job read on A: DONE in %.1f s (%.0f rows/s); every lead routed after %.1f s"
                + " (%.0f leads/s); job %s", rows, imported, rows / imported, routed, rows / routed, status.replaceAll(",\"(rejected|duplicateRows)\":\\[(\\{[^}]*\\},?)*\\]", "")));
        routedExactlyOnce("G1-", rows, stored(status), 1);
    }

    /** The rows the job stored as leads: a row repeating an earlier row's mailbox is skipped as a duplicate (one in about 5,000 rows). */
    private static int stored(String job) {
        java.util.regex.Matcher imported = java.util.regex.Pattern.compile("\"imported\":(\\d+)").matcher(job);
        if (!imported.find()) {
            throw new IllegalStateException("the job does not say how many rows it imported: " + job);
        }
        return Integer.parseInt(imported.group(1));
    }

    /**
     * A runs an import and is killed (SIGKILL) once a few batches are stored: B must route every stored lead
     * within 60 s, A's leases having expired; A started again resumes the job, and every row is stored once.
     */
    void leadlineNodeKilledWhileRouting(int rows, Callable<ServerProcess> restartA) throws Exception {
        Path csv = generate(dir.resolve("g2.csv"), "G2-", rows + 1, rows);
        String job = chaos.a.importAsync(csv);
        GaleraChaos.within(Duration.ofMinutes(10), () -> count("SELECT COUNT(*) FROM sales_lead WHERE external_id LIKE 'G2-%'") >= Math.min(1000, rows / 2));
        chaos.a.server().kill();
        long killed = System.nanoTime();
        long stored = count("SELECT COUNT(*) FROM sales_lead WHERE external_id LIKE 'G2-%'");
        long leased = count("SELECT COUNT(*) FROM routing_pending WHERE leased_until > UTC_TIMESTAMP(6)");
        double routed = awaitRouted("G2-", Duration.ofMinutes(2), killed);
        chaos.note("Leadline node killed", String.format("A killed (SIGKILL) with %,d of %,d rows stored, %,d leads leased; B routed every stored lead %.1f s after the kill",
                stored, rows, leased, routed));
        chaos.check(routed <= 60, "the leads A held were routed " + routed + " s after A was killed, not within 60 s");
        try (ServerProcess again = restartA.call()) {
            chaos.a = new Node("A", again);
            long t0 = System.nanoTime();
            String status = awaitJob(chaos.b, job, Duration.ofMinutes(10));
            double all = awaitRouted("G2-", Duration.ofMinutes(10), t0);
            chaos.note("import resumed", String.format("A started again resumed the job; DONE and routed %.1f s later; job %s", all,
                    status.replaceAll(",\"(rejected|duplicateRows)\":\\[(\\{[^}]*\\},?)*\\]", "")));
            // A died with a batch decided (its queue turns taken, committed) but not placed: B routes those leads
            // with new turns, so the turns of at most one partial round are lost and two reps may differ by 2
            routedExactlyOnce("G2-", rows, stored(status), 2);
        }
    }

    private static String awaitJob(Node via, String job, Duration limit) {
        GaleraChaos.within(limit, () -> {
            Node.Answer status = via.get(job);
            return status.status() == 200 && !status.body().contains("\"RUNNING\"");
        });
        return via.get(job).body();
    }

    /** Waits until every stored lead of the import has its rep (the import rules give each one); seconds since {@code since}. */
    private double awaitRouted(String prefix, Duration limit, long since) {
        GaleraChaos.within(limit, () -> count("SELECT COUNT(*) FROM sales_lead WHERE external_id LIKE '" + prefix + "%' AND owner_rep_id IS NULL") == 0);
        return (System.nanoTime() - since) / 1e9;
    }

    /** Every row stored once, every lead with one routing decision, and the round robin's turns shared out evenly (within {@code spreadAllowed}). */
    private void routedExactlyOnce(String prefix, int rows, int imported, int spreadAllowed) throws SQLException {
        String ofImport = "FROM sales_lead l WHERE l.external_id LIKE '" + prefix + "%'";
        long leads = count("SELECT COUNT(*) " + ofImport);
        long distinct = count("SELECT COUNT(DISTINCT l.external_id) " + ofImport);
        long decisions = count("SELECT COUNT(*) FROM routing_decision d JOIN sales_lead l ON l.id = d.lead_id WHERE l.external_id LIKE '" + prefix + "%'");
        long spread = count("SELECT MAX(n) - MIN(n) FROM (SELECT COUNT(*) n " + ofImport + " GROUP BY l.owner_rep_id) t");
        long owners = count("SELECT COUNT(DISTINCT l.owner_rep_id) " + ofImport);
        chaos.note("import " + prefix + " checked on Galera node 3", String.format("%,d leads for %,d rows (%,d external ids), %,d routing decisions, "
                + "%d reps, most and fewest leads per rep differ by %d", leads, rows, distinct, decisions, owners, spread));
        chaos.check(leads == imported && distinct == imported, prefix + " import: " + leads + " leads (" + distinct + " external ids) for the "
                + imported + " of " + rows + " rows the job imported");
        chaos.check(decisions == leads, prefix + " import: " + decisions + " routing decisions for " + leads + " leads, e.g. " + twice(prefix));
        chaos.check(owners == 10 && spread <= spreadAllowed, prefix + " import: round robin uneven (" + owners + " reps, spread " + spread + ")");
    }

    /** A few leads with more than one routing decision: each decision's outcome, time and queue. */
    private String twice(String prefix) throws SQLException {
        StringBuilder found = new StringBuilder();
        try (Connection c = cluster.connect(3); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT d.lead_id, d.outcome, d.decided_at, d.queue_id, d.rep_id, l.created_at FROM routing_decision d JOIN sales_lead l ON l.id = d.lead_id"
                        + " WHERE l.external_id LIKE '" + prefix + "%' AND d.lead_id IN (SELECT lead_id FROM routing_decision GROUP BY lead_id HAVING COUNT(*) > 1)"
                        + " ORDER BY d.lead_id, d.id LIMIT 6")) {
            while (r.next()) {
                found.append(String.format("%nL-%d %s at %s queue %s rep %s (created %s)", r.getLong(1), r.getString(2), r.getString(3),
                        r.getString(4), r.getString(5), r.getString(6)));
            }
        }
        return found.toString();
    }

    /** The count the statement selects, read on Galera node 3 after it has applied every write the cluster committed. */
    long count(String sql) throws SQLException {
        try (Connection c = cluster.connect(3); Statement s = c.createStatement()) {
            s.execute("SET SESSION wsrep_sync_wait = 1");
            try (ResultSet r = s.executeQuery(sql)) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** {@code rows} distinct people numbered from {@code from}, external ids {@code prefix + i}. */
    static Path generate(Path file, String prefix, int from, int rows) throws Exception {
        Random random = new Random(from);
        People people = People.fromFebrl();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(ImportBench.HEADER);
            for (int i = from; i < from + rows; i++) {
                out.write(ImportBench.row(prefix + i, people.person(i), i, random));
            }
        }
        return file;
    }
}
