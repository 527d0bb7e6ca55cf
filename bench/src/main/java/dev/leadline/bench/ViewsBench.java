package dev.leadline.bench;

import dev.leadline.core.dedupe.Identifiers;
import dev.leadline.core.lead.LeadQuery;
import dev.leadline.core.lead.LeadService;
import dev.leadline.core.lead.LeadView;
import dev.leadline.db.Database;
import dev.leadline.db.EmbeddedMariaDb;
import dev.leadline.db.JooqLeadRepository;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.jooq.DSLContext;

/**
 * Intelligence views on a large lead table (default 1,000,000 leads with timeline, meetings and
 * tasks, generated inside MariaDB), measured in-process: the first page of 25 and the count, for
 * everyone and for one rep. {@code ViewsBench [leads] [repeats] [all|view,view...] [pages]}.
 * {@code -Dbench.data=/some/dir} keeps the generated data there and reuses it on the next run.
 */
public final class ViewsBench {
    public static void main(String[] args) throws Exception {
        int leads = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        java.util.Set<String> only = args.length > 2 && !args[2].equals("all") ? java.util.Set.of(args[2].split(",")) : java.util.Set.of();
        countsToo = !(args.length > 3 && args[3].equals("pages"));
        try (EmbeddedMariaDb server = EmbeddedMariaDb.start(dataDir("leadline-views"));
             Database db = server.connect(EmbeddedMariaDb.DATABASE, 4)) {
            generateOnce(db.dsl(), leads);
            repository = new JooqLeadRepository(db.dsl(), Identifiers.NONE);
            LeadService service = new LeadService(repository);
            Random random = new Random(7);
            System.out.println("view                 scope      page p50   page p95   count p95");
            for (LeadView view : LeadView.values()) {
                if (!only.isEmpty() && !only.contains(view.label())) {
                    continue;
                }
                if (view == LeadView.QUEUE) {
                    measure(service, view, "queue 1", () -> query(view, Optional.empty(), Optional.of(1L)), repeats);
                    continue;
                }
                if (view != LeadView.MINE) {
                    measure(service, view, "everyone", () -> query(view, Optional.empty(), Optional.empty()), repeats);
                }
                measure(service, view, "one rep", () -> query(view, Optional.of(1L + random.nextInt(50)), Optional.empty()), repeats);
            }
        }
    }

    private static JooqLeadRepository repository;
    /** {@code pages} as the fourth argument measures pages alone, without a count after each. */
    private static boolean countsToo = true;

    private static void measure(LeadService service, LeadView view, String scope, java.util.function.Supplier<LeadQuery> queries, int repeats) {
        List<Double> pages = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            LeadQuery q = queries.get();
            long a = System.nanoTime();
            service.list(q);
            pages.add((System.nanoTime() - a) / 1e6);
            if (countsToo) {
                long c = System.nanoTime();
                repository.count(q);
                counts.add((System.nanoTime() - c) / 1e6);
            } else {
                counts.add(0.0);
            }
        }
        System.out.printf("%-20s %-9s %8.1f ms %8.1f ms %9.1f ms%n", view.label(), scope, pct(pages, 50), pct(pages, 95), pct(counts, 95));
    }

    private static LeadQuery query(LeadView view, Optional<Long> owner, Optional<Long> queue) {
        return LeadQuery.at(Instant.now(), ZoneId.of("Europe/Berlin")).withView(view).withOwner(owner).withQueue(queue);
    }

    private static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** {@code -Dbench.data}, kept between runs, or a temporary directory removed at exit. */
    static java.nio.file.Path dataDir(String prefix) throws java.io.IOException {
        String kept = System.getProperty("bench.data");
        return kept == null ? ServerProcess.tempDir(prefix) : Files.createDirectories(java.nio.file.Path.of(kept));
    }

    /** Generates {@code leads} leads unless a kept data directory already holds them. */
    static void generateOnce(DSLContext dsl, int leads) {
        long present = dsl.fetchCount(dev.leadline.db.jooq.Tables.SALES_LEAD);
        if (present == leads) {
            System.out.printf("reusing %,d generated leads in %s%n", present, System.getProperty("bench.data"));
            return;
        }
        if (present > 0) {
            throw new IllegalStateException(present + " leads already in the data directory, not " + leads + "; use another -Dbench.data");
        }
        long t0 = System.nanoTime();
        generate(dsl, leads);
        System.out.printf("generated %,d leads with timeline, meetings and tasks in %.0f s%n", leads, (System.nanoTime() - t0) / 1e9);
    }

    static void generate(DSLContext dsl, int leads) {
        dsl.execute("INSERT INTO rep (email, name, time_zone, active, role, created_at, updated_at, version) "
                + "SELECT CONCAT('rep', seq, '@bench.example'), CONCAT('Rep ', seq), 'Europe/Berlin', TRUE, 'REP', NOW(6), NOW(6), 0 FROM seq_1_to_50");
        dsl.execute("INSERT INTO lead_queue (name, created_at, updated_at, version) VALUES ('Inbound', NOW(6), NOW(6), 0)");
        dsl.execute("INSERT INTO sales_lead (last_name, email, email_key, company, source, status, owner_rep_id, queue_id, created_at, updated_at, "
                + "first_touched_at, offered_at, claimed_at, version) SELECT CONCAT('Lead', seq), CONCAT('l', seq, '@bench.example'), "
                + "CONCAT('l', seq, '@bench.example'), CONCAT('Company ', seq % 20000), ELT(1 + seq % 4, 'Web', 'Webinar', 'Referral', 'Import'), "
                + "ELT(1 + seq % 20, 'NEW','NEW','NEW','NEW','NEW','NEW','NEW','NEW','ATTEMPTED','ATTEMPTED','ATTEMPTED','ATTEMPTED',"
                + "'ENGAGED','ENGAGED','ENGAGED','QUALIFIED','QUALIFIED','DISQUALIFIED','DISQUALIFIED','CONVERTED'), "
                + "IF(seq % 10 = 0, NULL, 1 + seq % 50), IF(seq % 10 = 0, 1, NULL), "
                + "NOW(6) - INTERVAL (seq % 365) DAY, NOW(6) - INTERVAL (seq % 365) DAY, "
                + "IF(seq % 20 < 8, NULL, NOW(6) - INTERVAL (seq % 365) DAY + INTERVAL 1 HOUR), "
                + "NOW(6) - INTERVAL (seq % 365) DAY, IF(seq % 10 = 0, NULL, NOW(6) - INTERVAL (seq % 365) DAY + INTERVAL 5 MINUTE), 0 "
                + "FROM seq_1_to_" + leads);
        dsl.execute("INSERT INTO activity (lead_id, type, actor, occurred_at, summary) "
                + "SELECT id, 'CREATED', 'bench', created_at, 'Created' FROM sales_lead");
        dsl.execute("INSERT INTO activity (lead_id, type, actor, occurred_at, summary) "
                + "SELECT id, 'CONTACT_ATTEMPT', 'bench', first_touched_at, 'Call' FROM sales_lead WHERE first_touched_at IS NOT NULL");
        // from a copy: a task's or meeting's trigger writes its lead, which a statement reading sales_lead may not
        dsl.execute("CREATE TABLE bench_owned SELECT id, owner_rep_id, status FROM sales_lead WHERE owner_rep_id IS NOT NULL");
        dsl.execute("INSERT INTO meeting (lead_id, rep_id, starts_at, duration_minutes, title, outcome, created_at, updated_at) "
                + "SELECT id, owner_rep_id, NOW(6) + INTERVAL (id % 30) - 10 DAY, 30, 'Meeting', IF(id % 7 = 0, 'DECLINED', NULL), NOW(6), NOW(6) "
                + "FROM bench_owned WHERE status = 'ENGAGED'");
        dsl.execute("INSERT INTO task (lead_id, rep_id, title, due_at, created_at) "
                + "SELECT id, owner_rep_id, 'Follow up', NOW(6) + INTERVAL (id % 20) - 10 DAY, NOW(6) FROM bench_owned WHERE status = 'ATTEMPTED'");
        dsl.execute("DROP TABLE bench_owned");
        dsl.execute("UPDATE sales_lead SET last_activity_at = COALESCE(first_touched_at, created_at)");
        dsl.execute("ANALYZE TABLE sales_lead, activity, meeting, task");
    }
}
