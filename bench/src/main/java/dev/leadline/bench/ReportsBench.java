package dev.leadline.bench;

import dev.leadline.core.dedupe.Identifiers;
import dev.leadline.core.lead.LeadService;
import dev.leadline.core.report.DataQuality;
import dev.leadline.core.report.LeadEvent;
import dev.leadline.core.report.LeadEvents;
import dev.leadline.core.report.LeadHistory;
import dev.leadline.core.report.MeetingFact;
import dev.leadline.core.report.ReportFilter;
import dev.leadline.core.report.ReportTable;
import dev.leadline.core.report.Reports;
import dev.leadline.core.report.RoutingFairness;
import dev.leadline.core.team.TeamService;
import dev.leadline.core.testing.InMemoryJournal;
import dev.leadline.db.Database;
import dev.leadline.db.EmbeddedMariaDb;
import dev.leadline.db.JooqLeadEvents;
import dev.leadline.db.JooqLeadRepository;
import dev.leadline.db.JooqQualityFacts;
import dev.leadline.db.JooqQueueRepository;
import dev.leadline.db.JooqRepRepository;
import dev.leadline.db.JooqRollups;
import dev.leadline.db.JooqRoutingHistory;
import dev.leadline.db.JooqTransactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * Every report over a year of a large lead table (default 1,000,000 leads, generated inside MariaDB as
 * {@link ViewsBench} does, with the lead facts, conversions, routing decisions and quality facts the
 * real write paths leave), measured in-process: a 12-month and a 1-month period, for everyone, one
 * queue and one rep. {@code ReportsBench [leads] [repeats] [report,report...]}; a cell stops repeating
 * once it has spent {@code -Dreports.budget} seconds (default 60), so a slow baseline still finishes.
 * {@code -Dreports.before=funnel,conversion/source,reps,trends} also times those reports counted from every
 * history of the period (as before the kept sums), in the same run; {@code -Dreports.bufferMb=2048}
 * gives MariaDB that buffer pool instead of its default 128 MB.
 */
public final class ReportsBench {
    private static final Duration BUDGET = Duration.ofSeconds(Long.getLong("reports.budget", 60));
    /** Reports timed for everyone only ({@code -Dreports.quick=reps,trends}), to keep a run on slow ones short. */
    private static final List<String> QUICK = List.of(System.getProperty("reports.quick", "").split(","));

    public static void main(String[] args) throws Exception {
        int leads = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<String> only = args.length > 2 ? List.of(args[2].split(",")) : List.of();
        Integer bufferMb = Integer.getInteger("reports.bufferMb");
        try (EmbeddedMariaDb server = bufferMb == null ? EmbeddedMariaDb.start(ServerProcess.tempDir("leadline-reports"))
                : EmbeddedMariaDb.start(ServerProcess.tempDir("leadline-reports"), bufferMb);
             Database db = server.connect(EmbeddedMariaDb.DATABASE, 4)) {
            long t0 = System.nanoTime();
            ViewsBench.generate(db.dsl(), leads);
            history(db.dsl());
            System.out.printf("generated %,d leads with a year of facts in %.0f s%n", leads, (System.nanoTime() - t0) / 1e9);
            JooqLeadEvents events = new JooqLeadEvents(db.dsl());
            long t1 = System.nanoTime();
            JooqTransactor transactor = new JooqTransactor(db.dsl());
            JooqRollups rollups = new JooqRollups(db.dsl(), events, transactor);
            long summarised = events.rebuildSummaries(transactor, 1000, done -> rollups.foldWhenMany(JooqRollups.BULK));
            rollups.foldAll(JooqRollups.BULK);
            System.out.printf("reports rebuild: %,d lead summaries and tallies, folded into the sums, in %.0f s%n", summarised,
                    (System.nanoTime() - t1) / 1e9);
            long t2 = System.nanoTime();
            if (only.isEmpty() || only.contains("fairness")) {
                // as after an upgrade: the decisions stored before join the fairness sums (else fairness counts from them)
                db.dsl().execute("UPDATE report_state SET value = (SELECT MAX(id) FROM routing_decision) WHERE name = 'decisions_before'");
            }
            long decisions = rollups.tallyEarlierDecisions(1000);
            System.out.printf("%,d routing decisions added to the fairness sums in %.0f s%n", decisions, (System.nanoTime() - t2) / 1e9);
            db.dsl().execute("ANALYZE TABLE lead_report, report_rollup");
            System.out.printf("report_rollup: %,d rows%n", db.dsl().fetchCount(dev.leadline.db.jooq.Tables.REPORT_ROLLUP));
            Clock clock = Clock.systemUTC();
            TeamService team = new TeamService(new JooqTransactor(db.dsl()), new JooqRepRepository(db.dsl()), new JooqQueueRepository(db.dsl()),
                    new InMemoryJournal(), clock);
            LeadService leadService = new LeadService(new JooqLeadRepository(db.dsl(), Identifiers.NONE));
            Reports reports = new Reports(events, rollups, transactor, team, leadService, clock);
            Reports before = new Reports(fromHistories(events), team, leadService, clock);
            RoutingFairness fairness = new RoutingFairness(new JooqRoutingHistory(db.dsl()), team, reports);
            RoutingFairness fairnessBefore = new RoutingFairness(new JooqRoutingHistory(db.dsl()), team);
            DataQuality quality = new DataQuality(new JooqQualityFacts(db.dsl()), reports);
            DataQuality qualityBefore = new DataQuality(new JooqQualityFacts(db.dsl()));
            Map<String, Function<ReportFilter, ReportTable>> cases = new LinkedHashMap<>();
            for (String name : System.getProperty("reports.before", "").split(",")) {
                if (name.startsWith("funnel")) {
                    cases.put("before:funnel", before::funnel);
                } else if (name.startsWith("conversion/")) {
                    cases.put("before:" + name, before::conversion);
                } else if (name.equals("fairness")) {
                    cases.put("before:fairness", fairnessBefore::fairness);
                } else if (name.equals("quality/field")) {
                    cases.put("before:quality/field", qualityBefore::quality);
                } else if (name.equals("reps")) {
                    cases.put("before:reps", before::reps);
                } else if (name.startsWith("trends/")) {
                    cases.put("before:" + name, before::trends);
                }
            }
            cases.put("funnel", reports::funnel);
            for (String by : List.of("source", "campaign", "queue", "rep", "week", "month")) {
                cases.put("conversion/" + by, reports::conversion);
            }
            cases.put("reps", reports::reps);
            cases.put("trends/day", reports::trends);
            cases.put("trends/week", reports::trends);
            cases.put("fairness", fairness::fairness);
            cases.put("quality/checkpoint", quality::quality);
            cases.put("quality/field", quality::quality);
            Random random = new Random(7);
            Instant now = clock.instant();
            if (Boolean.getBoolean("reports.warmup")) {
                // -Dreports.warmup=true: each report once, unmeasured, so that no cell pays for loading and compiling the code
                cases.forEach((name, report) -> {
                    String kind = name.replace("before:", "").split("/")[0];
                    if (!name.startsWith("before:") && (only.isEmpty() || only.contains(kind) || only.contains(name))) {
                        String by = name.contains("/") ? name.substring(name.indexOf('/') + 1) : Reports.GROUPINGS.get(kind).get(0);
                        report.apply(ReportFilter.parse(Map.of("from", now.minus(Duration.ofDays(7)).toString(), "to", now.toString(), "by", by,
                                "tz", "UTC"), Reports.GROUPINGS.get(kind), team, now));
                    }
                });
            }
            System.out.println("report               period  scope      p50 ms     p95 ms   runs  rows");
            cases.forEach((name, report) -> {
                String plain = name.replace("before:", "");
                if (!only.isEmpty() && !only.contains(plain) && !only.contains(plain.split("/")[0])) {
                    return;
                }
                String kind = name.replace("before:", "").split("/")[0];
                String by = name.contains("/") ? name.substring(name.indexOf('/') + 1) : Reports.GROUPINGS.get(kind).get(0);
                boolean quick = QUICK.contains(kind) || QUICK.contains(name);
                for (int months : new int[] {12, 1}) {
                    Map<String, String> period = Map.of("from", now.minus(Duration.ofDays(months == 12 ? 365 : 30)).toString(), "to", now.toString(),
                            "by", by, "tz", "Europe/Berlin");
                    measure(name, months, "everyone", () -> ReportFilter.parse(period, Reports.GROUPINGS.get(kind), team, now), report, repeats);
                    if (quick) {
                        continue;
                    }
                    measure(name, months, "queue", () -> ReportFilter.parse(with(period, "queue", "Queue " + (1 + random.nextInt(4))),
                            Reports.GROUPINGS.get(kind), team, now), report, repeats);
                    if (!kind.equals("quality")) {
                        measure(name, months, "rep", () -> ReportFilter.parse(with(period, "rep", String.valueOf(1 + random.nextInt(50))),
                                Reports.GROUPINGS.get(kind), team, now), report, repeats);
                    }
                }
            });
        }
    }

    /** The facts as the reports read them before the lead summaries: every history of the period, worked out each time. */
    private static LeadEvents fromHistories(JooqLeadEvents events) {
        return new LeadEvents() {
            @Override
            public void append(List<LeadEvent> facts) {
                events.append(facts);
            }

            @Override
            public List<LeadHistory> historiesBetween(Instant from, Instant to) {
                return events.historiesBetween(from, to);
            }

            @Override
            public List<MeetingFact> meetingsBetween(Instant from, Instant to) {
                return events.meetingsBetween(from, to);
            }
        };
    }

    private static Map<String, String> with(Map<String, String> params, String name, String value) {
        Map<String, String> out = new HashMap<>(params);
        out.put(name, value);
        return out;
    }

    private static void measure(String name, int months, String scope, java.util.function.Supplier<ReportFilter> filters,
                                Function<ReportFilter, ReportTable> report, int repeats) {
        if (scope.equals("queue") && (name.startsWith("quality"))) {
            return;
        }
        List<Double> times = new ArrayList<>();
        int rows = 0;
        long spent = 0;
        for (int i = 0; i < repeats && (i == 0 || spent < BUDGET.toNanos()); i++) {
            ReportFilter filter = filters.get();
            long a = System.nanoTime();
            rows = report.apply(filter).rows().size();
            long took = System.nanoTime() - a;
            spent += took;
            times.add(took / 1e6);
        }
        System.out.printf("%-20s %3d mo  %-8s %9.1f %10.1f %6d %5d%n", name, months, scope, pct(times, 50), pct(times, 95), times.size(), rows);
    }

    private static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /**
     * What the write paths leave besides the leads {@link ViewsBench} makes: four queues, campaigns, the
     * lead facts (created, offered, assigned or claimed, touched, contact attempts, engaged, qualified,
     * disqualified, converted, a few unconverted and merged, SLA steps), conversions with opportunities,
     * a routing decision per lead, enrichment and duplicate verdicts.
     */
    static void history(DSLContext dsl) {
        dsl.execute("UPDATE lead_queue SET name = 'Queue 1' WHERE id = 1");
        dsl.execute("INSERT INTO lead_queue (name, created_at, updated_at, version) SELECT CONCAT('Queue ', seq), NOW(6), NOW(6), 0 FROM seq_2_to_4");
        dsl.execute("UPDATE sales_lead SET campaign = ELT(1 + id % 8, 'spring', 'summer', 'autumn', 'winter', 'webinar-a', 'webinar-b', 'partner', NULL)");
        String q = "1 + id % 4";
        String at = "LEAST(NOW(6), created_at + INTERVAL ";
        String insert = "INSERT INTO lead_event (lead_id, kind, occurred_at, rep_id, queue_id, detail) ";
        dsl.execute(insert + "SELECT id, 'CREATED', created_at, NULL, " + q + ", NULL FROM sales_lead");
        dsl.execute(insert + "SELECT id, 'OFFERED', created_at, NULL, " + q + ", NULL FROM sales_lead");
        dsl.execute(insert + "SELECT id, 'ASSIGNED', " + at + "2 MINUTE), owner_rep_id, " + q + ", IF(id % 7 = 0, 'manager', 'routed') "
                + "FROM sales_lead WHERE owner_rep_id IS NOT NULL AND id % 3 <> 0");
        dsl.execute(insert + "SELECT id, 'CLAIMED', claimed_at, owner_rep_id, " + q + ", NULL FROM sales_lead WHERE owner_rep_id IS NOT NULL AND id % 3 = 0");
        dsl.execute(insert + "SELECT id, 'TOUCHED', first_touched_at, owner_rep_id, " + q + ", NULL FROM sales_lead WHERE first_touched_at IS NOT NULL");
        dsl.execute(insert + "SELECT id, 'CONTACT_ATTEMPT', first_touched_at, owner_rep_id, " + q + ", NULL FROM sales_lead WHERE first_touched_at IS NOT NULL");
        dsl.execute(insert + "SELECT id, 'CONTACT_ATTEMPT', " + at + "1 DAY), owner_rep_id, " + q + ", NULL FROM sales_lead "
                + "WHERE first_touched_at IS NOT NULL AND id % 3 = 0");
        dsl.execute(insert + "SELECT id, 'ENGAGED', " + at + "1 DAY + INTERVAL id % 600 MINUTE), owner_rep_id, " + q + ", NULL FROM sales_lead "
                + "WHERE status IN ('ENGAGED', 'QUALIFIED', 'CONVERTED')");
        dsl.execute(insert + "SELECT id, 'QUALIFIED', " + at + "3 DAY + INTERVAL id % 900 MINUTE), owner_rep_id, " + q + ", NULL FROM sales_lead "
                + "WHERE status IN ('QUALIFIED', 'CONVERTED')");
        dsl.execute(insert + "SELECT id, 'DISQUALIFIED', " + at + "2 DAY), owner_rep_id, " + q + ", ELT(1 + id % 3, 'no budget', 'no fit', 'unresponsive') "
                + "FROM sales_lead WHERE status = 'DISQUALIFIED'");
        dsl.execute(insert + "SELECT id, 'CONVERTED', " + at + "7 DAY), owner_rep_id, " + q + ", NULL FROM sales_lead WHERE status = 'CONVERTED'");
        dsl.execute(insert + "SELECT id, 'UNCONVERTED', " + at + "8 DAY), owner_rep_id, " + q + ", NULL FROM sales_lead "
                + "WHERE status = 'CONVERTED' AND id % 200 = 19");
        dsl.execute(insert + "SELECT id, 'MERGED', " + at + "4 DAY), owner_rep_id, " + q + ", CONCAT('merged into ', id - 1) FROM sales_lead "
                + "WHERE id % 1000 = 1 AND id > 1");
        dsl.execute(insert + "SELECT id, 'SLA', " + at + "30 MINUTE), owner_rep_id, " + q + ", ELT(1 + id % 3, 'remind', 'reassign', 'alert-manager') "
                + "FROM sales_lead WHERE id % 11 = 0");
        dsl.execute("INSERT INTO account (name, created_at, updated_at) VALUES ('Bench Inc', NOW(6), NOW(6))");
        dsl.execute("INSERT INTO contact (account_id, last_name, created_at, updated_at) VALUES (1, 'Bench', NOW(6), NOW(6))");
        dsl.execute("INSERT INTO opportunity (account_id, contact_id, lead_id, name, amount, stage, created_at, updated_at) "
                + "SELECT 1, 1, id, 'Deal', 1000 + id % 50 * 100, 'Prospecting', created_at, created_at FROM sales_lead WHERE status = 'CONVERTED'");
        dsl.execute("INSERT INTO conversion (lead_id, account_id, account_created, account_version, contact_id, contact_version, opportunity_id, "
                + "opportunity_version, stage_before, created_at, undone_at) SELECT lead_id, 1, FALSE, 0, 1, 0, id, 0, '{}', created_at, "
                + "IF(lead_id % 200 = 19, created_at, NULL) FROM opportunity");
        dsl.execute("INSERT INTO routing_decision (lead_id, purpose, outcome, queue_id, rep_id, decided_at, explanation) "
                + "SELECT id, 'api', 'assigned', " + q + ", owner_rep_id, created_at, CONCAT('{\"purpose\":\"api\",\"ruleSetVersion\":1,\"entry\":\"all\",',"
                + "'\"because\":[],\"entriesBefore\":0,\"queues\":[{\"queueId\":', " + q + ", ',\"queue\":\"Queue ', " + q + ", '\",\"strategy\":\"weighted\",',"
                + "'\"result\":\"assigned\",\"candidates\":[{\"repId\":', owner_rep_id, ',\"rep\":\"rep', owner_rep_id, '@bench.example\",\"verdict\":\"chosen\",',"
                + "'\"reason\":null,\"state\":null,\"weight\":100},{\"repId\":', 1 + (owner_rep_id + 1) % 50, ',\"rep\":\"rep', 1 + (owner_rep_id + 1) % 50,"
                + "'@bench.example\",\"verdict\":\"eligible\",\"reason\":null,\"state\":null,\"weight\":50},{\"repId\":', 1 + (owner_rep_id + 2) % 50,"
                + "',\"rep\":\"rep', 1 + (owner_rep_id + 2) % 50, '@bench.example\",\"verdict\":\"skipped\",\"reason\":\"out of office\",\"state\":null,',"
                + "'\"weight\":100}]}],\"outcome\":\"assigned\",\"decidedAt\":\"', DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%s.%fZ'), '\"}') "
                + "FROM sales_lead WHERE owner_rep_id IS NOT NULL");
        dsl.execute("INSERT INTO lead_enrichment (lead_id, field, value, provider, confidence, enriched_at) "
                + "SELECT id, 'industry', 'Software', IF(id % 2 = 0, 'clearbit', 'apollo'), 0.9, created_at FROM sales_lead WHERE id % 3 = 0");
        dsl.execute("INSERT INTO duplicate_verdict (checkpoint, action, reference, source, decided_at) "
                + "SELECT ELT(1 + id % 3, 'API', 'FORM', 'IMPORT'), ELT(1 + id % 2, 'FLAG', 'BLOCK'), CONCAT('lead ', id), source, created_at "
                + "FROM sales_lead WHERE id % 50 = 0");
        dsl.execute("ANALYZE TABLE lead_event, sales_lead, conversion, opportunity, routing_decision, lead_enrichment, duplicate_verdict");
    }
}
