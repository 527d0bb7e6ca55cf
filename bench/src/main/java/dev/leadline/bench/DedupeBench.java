package dev.leadline.bench;

import dev.leadline.core.dedupe.DuplicateService;
import dev.leadline.core.dedupe.Identifiers;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.NewLead;
import dev.leadline.db.Database;
import dev.leadline.db.EmbeddedMariaDb;
import dev.leadline.db.JooqLeadRepository;
import dev.leadline.db.JooqMatchKeys;
import dev.leadline.db.JooqTransactor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.HdrHistogram.Histogram;

/**
 * The duplicate check a new lead gets at intake ({@link DuplicateService#duplicatesOf}: blocking keys
 * from the index, candidates read, scored), in-process against N stored leads on the embedded MariaDB.
 * People are drawn from the Febrl vocabularies (names, streets, suburbs, postcodes in
 * {@code febrl/} in the core test-jar); half the probes are stored leads retyped (a typo in the surname, a
 * nickname, the phone without its prefix), half are new people. The database is kept in
 * {@code /tmp/leadline-dedupe-bench-N} between runs. {@code DedupeBench [stored] [probes]}; {@code -DdbMemoryMb=} sets the
 * embedded server's buffer pool as {@code LEADLINE_DB_MEMORY_MB} does (default 256).
 */
public final class DedupeBench {
    private static final int BATCH = 2000;

    public static void main(String[] args) throws Exception {
        int stored = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int probes = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        People words = People.fromFebrl();
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "leadline-dedupe-bench-" + stored);
        int memoryMb = Integer.getInteger("dbMemoryMb", 256);
        try (EmbeddedMariaDb mariadb = EmbeddedMariaDb.start(dir, memoryMb);
             Database db = mariadb.connect(EmbeddedMariaDb.DATABASE, 4)) {
            JooqLeadRepository leads = new JooqLeadRepository(db.dsl(), Identifiers.NONE);
            JooqTransactor tx = new JooqTransactor(db.dsl());
            long have = leads.count();
            long start = System.nanoTime();
            for (long i = have; i < stored; i += BATCH) {
                long from = i;
                List<NewLead> batch = new ArrayList<>();
                for (long n = from; n < Math.min(stored, from + BATCH); n++) {
                    batch.add(new NewLead(words.person(n), null, null, Instant.now()));
                }
                tx.inTransaction(() -> leads.insertAll(batch));
                if ((i / BATCH) % 50 == 0) {
                    System.out.printf("stored %,d leads (%,.0f/s)%n", i + batch.size(), (i + batch.size() - have) / ((System.nanoTime() - start) / 1e9));
                }
            }
            long first = db.dsl().fetchOne("SELECT MIN(id) FROM sales_lead").get(0, Long.class);
            System.out.printf("%,d leads stored, %,d match keys%n", leads.count(), db.dsl().fetchCount(dev.leadline.db.jooq.Tables.LEAD_MATCH_KEY));
            DuplicateService duplicates = new DuplicateService(leads, new JooqMatchKeys(db.dsl(), Identifiers.NONE));
            Random random = new Random(42);
            Histogram latency = new Histogram(3_600_000_000L, 3);
            int found = 0;
            int duplicatesProbed = 0;
            long candidates = 0;
            int warmup = Math.min(5_000, probes / 4);
            for (int p = 0; p < warmup + probes; p++) {
                boolean retyped = p % 2 == 0;
                long original = (long) (random.nextDouble() * stored);
                LeadData probe = retyped ? words.retyped(words.person(original), random) : words.person(stored + 1_000_000L + p);
                long t0 = System.nanoTime();
                List<DuplicateService.Duplicate> alike = duplicates.duplicatesOf(probe, Optional.empty());
                long took = System.nanoTime() - t0;
                if (p < warmup) {
                    continue;
                }
                latency.recordValue(took);
                candidates += alike.size();
                if (retyped) {
                    duplicatesProbed++;
                    LeadId expected = new LeadId(first + original);
                    if (alike.stream().anyMatch(d -> d.lead().id().equals(expected))) {
                        found++;
                    }
                }
            }
            System.out.printf("duplicate check against %,d leads, %,d probes (after %,d warm-up): p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    leads.count(), probes, warmup, ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(90)),
                    ms(latency.getValueAtPercentile(99)), ms(latency.getMaxValue()));
            System.out.printf("retyped stored leads found: %,d of %,d (%.1f %%); look-alikes per probe: %.2f%n", found, duplicatesProbed,
                    100.0 * found / duplicatesProbed, (double) candidates / probes);
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

}
