package dev.leadline.bench;

import dev.leadline.core.dedupe.DuplicateService;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.NewLead;
import dev.leadline.db.Database;
import dev.leadline.db.EmbeddedMariaDb;
import dev.leadline.db.JooqLeadRepository;
import dev.leadline.db.JooqMatchKeys;
import dev.leadline.db.JooqTransactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * The duplicate check a new lead gets at intake ({@link DuplicateService#duplicatesOf}: blocking keys
 * from the index, candidates read, scored), in-process against N stored leads on the embedded MariaDB.
 * People are drawn from the Febrl vocabularies (names, streets, suburbs, postcodes in
 * {@code ../shared/data/febrl}); half the probes are stored leads retyped (a typo in the surname, a
 * nickname, the phone without its prefix), half are new people. The database is kept in
 * {@code /tmp/leadline-dedupe-bench-N} between runs. {@code DedupeBench [stored] [probes]}.
 */
public final class DedupeBench {
    private static final String[][] NICKNAMES = {{"robert", "bob"}, {"william", "bill"}, {"james", "jim"}, {"michael", "mike"},
        {"elizabeth", "liz"}, {"katherine", "kate"}, {"thomas", "tom"}, {"joseph", "joe"}};
    private static final int BATCH = 2000;

    public static void main(String[] args) throws Exception {
        int stored = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int probes = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        Vocabulary words = Vocabulary.read(febrl());
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "leadline-dedupe-bench-" + stored);
        try (EmbeddedMariaDb mariadb = EmbeddedMariaDb.start(dir);
             Database db = Database.connect(mariadb.jdbcUrl(), "root", "", 4)) {
            JooqLeadRepository leads = new JooqLeadRepository(db.dsl());
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
            DuplicateService duplicates = new DuplicateService(leads, new JooqMatchKeys(db.dsl()));
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

    private static Path febrl() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolveSibling("shared").resolve("data").resolve("febrl");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("../shared/data/febrl not found beside the repository");
    }

    /** Distinct values of each Febrl column, to draw people from (deterministically per lead number). */
    record Vocabulary(List<String> first, List<String> last, List<String> streets, List<String> suburbs, List<String> postcodes) {
        static Vocabulary read(Path febrl) throws IOException {
            Set<String> first = new LinkedHashSet<>();
            Set<String> last = new LinkedHashSet<>();
            Set<String> streets = new LinkedHashSet<>();
            Set<String> suburbs = new LinkedHashSet<>();
            Set<String> postcodes = new LinkedHashSet<>();
            for (String name : List.of("dataset2.csv", "dataset3.csv", "dataset4a.csv", "dataset4b.csv")) {
                List<String> lines = Files.readAllLines(febrl.resolve(name));
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.split(",\\s*", -1);
                    if (f.length < 9 || !f[0].endsWith("-org")) {
                        continue; // originals only: their spellings are the clean ones
                    }
                    add(first, f[1]);
                    add(last, f[2]);
                    add(streets, f[4]);
                    add(suburbs, f[6]);
                    add(postcodes, f[7]);
                }
            }
            return new Vocabulary(List.copyOf(first), List.copyOf(last), List.copyOf(streets), List.copyOf(suburbs), List.copyOf(postcodes));
        }

        private static void add(Set<String> set, String value) {
            if (!value.isBlank()) {
                set.add(value.strip());
            }
        }

        LeadData person(long n) {
            Random r = new Random(n * 0x9E3779B97F4A7C15L);
            String given = pick(first, r);
            String surname = pick(last, r);
            Map<LeadField, String> fields = new EnumMap<>(LeadField.class);
            fields.put(LeadField.FIRST_NAME, given);
            fields.put(LeadField.LAST_NAME, surname);
            String company = pick(last, r) + " " + pick(List.of("Ltd", "Pty Ltd", "Group", "Partners", "Inc"), r);
            fields.put(LeadField.COMPANY, company);
            String domain = company.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "") + ".example";
            fields.put(LeadField.EMAIL, given + "." + surname + (n % 7) + "@" + (r.nextInt(4) == 0 ? "gmail.com" : domain));
            fields.put(LeadField.PHONE, String.format("+61 %d %04d %04d", 2 + r.nextInt(7), r.nextInt(10_000), r.nextInt(10_000)));
            fields.put(LeadField.CITY, pick(suburbs, r));
            fields.put(LeadField.POSTAL_CODE, pick(postcodes, r));
            return new LeadData(fields, Map.of("street", (1 + r.nextInt(200)) + " " + pick(streets, r)));
        }

        /** The same person as a second source writes them: a new mailbox, a surname typo or a nickname, the phone without +61. */
        LeadData retyped(LeadData person, Random r) {
            Map<LeadField, String> fields = new EnumMap<>(person.fields());
            fields.put(LeadField.EMAIL, "contact" + r.nextInt(1000) + "@" + "mailbox" + r.nextInt(50) + ".example");
            String surname = fields.get(LeadField.LAST_NAME);
            if (r.nextBoolean() && surname.length() > 3) {
                int at = 1 + r.nextInt(surname.length() - 2);
                fields.put(LeadField.LAST_NAME, surname.substring(0, at) + surname.charAt(at + 1) + surname.charAt(at) + surname.substring(at + 2));
            } else {
                for (String[] pair : NICKNAMES) {
                    if (pair[0].equals(fields.get(LeadField.FIRST_NAME))) {
                        fields.put(LeadField.FIRST_NAME, pair[1]);
                    }
                }
            }
            fields.put(LeadField.PHONE, "0" + fields.get(LeadField.PHONE).substring(4));
            return new LeadData(fields, person.customFields());
        }

        private static String pick(List<String> values, Random r) {
            return values.get(r.nextInt(values.size()));
        }
    }
}
