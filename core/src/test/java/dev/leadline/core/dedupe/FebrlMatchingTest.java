package dev.leadline.core.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadField;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Duplicate detection quality on the Febrl record-linkage sets (test resources, see
 * {@code febrl/README.md}): people with typos, swapped and missing fields; duplicates are labelled
 * {@code rec-N-org} / {@code rec-N-dup-K}. Each file is deduplicated on its own (4a and 4b together):
 * candidates from blocking keys, then the matcher; precision and recall over every labelled pair.
 */
class FebrlMatchingTest {
    @ParameterizedTest
    @ValueSource(strings = {"dataset1.csv", "dataset2.csv", "dataset3.csv", "dataset4a.csv+dataset4b.csv"})
    void duplicatesAreFoundWithPrecisionAtLeast095AndRecallAtLeast090(String files) throws IOException, URISyntaxException {
        double[] measured = measure(files, Identifiers.NONE);

        assertThat(measured[0]).as("precision").isGreaterThanOrEqualTo(0.95);
        assertThat(measured[1]).as("recall").isGreaterThanOrEqualTo(0.90);
    }

    /**
     * With the social security number as identifier; in 2 and 3 one original has up to five duplicates,
     * and some of them a number replaced outright, so that more pairs differ in it.
     */
    @ParameterizedTest
    @CsvSource({"dataset1.csv, 0.99", "dataset2.csv, 0.98", "dataset3.csv, 0.98", "dataset4a.csv+dataset4b.csv, 0.99"})
    void withTheSocialSecurityNumberAsIdentifierPrecisionIsAtLeast099AndRecallHigher(String files, double recall)
            throws IOException, URISyntaxException {
        double[] measured = measure(files, Identifiers.of(List.of("custom.soc_sec_id"), "identifiers"));

        assertThat(measured[0]).as("precision").isGreaterThanOrEqualTo(0.99);
        assertThat(measured[1]).as("recall").isGreaterThanOrEqualTo(recall);
    }

    /** Precision and recall over every labelled pair of the files, deduplicated together. */
    private static double[] measure(String files, Identifiers identifiers) throws IOException, URISyntaxException {
        List<String> entity = new ArrayList<>();
        List<MatchProfile> profiles = new ArrayList<>();
        for (String file : files.split("\\+")) {
            read(Path.of(FebrlMatchingTest.class.getResource("/febrl/" + file).toURI()), identifiers, entity, profiles);
        }

        Set<Long> compared = new HashSet<>();
        Set<Long> predicted = predicted(profiles, compared);
        Set<Long> truth = truth(entity);
        long found = predicted.stream().filter(truth::contains).count();
        double precision = predicted.isEmpty() ? 0 : (double) found / predicted.size();
        double recall = (double) found / truth.size();

        long reached = truth.stream().filter(compared::contains).count();
        System.out.printf("Febrl %s, identifiers %s: %d records, %d true pairs (%d compared after blocking, %d comparisons), %d predicted, "
                + "precision %.4f, recall %.4f%n", files, identifiers.fields(), profiles.size(), truth.size(), reached, compared.size(),
                predicted.size(), precision, recall);
        if (Boolean.getBoolean("febrl.misses")) {
            truth.stream().filter(p -> !predicted.contains(p)).limit(15).forEach(p -> System.out.println("MISS " + profiles.get((int) (p >>> 32))
                    + "\n     " + profiles.get((int) (p & 0xffffffffL))));
            predicted.stream().filter(p -> !truth.contains(p)).limit(15).forEach(p -> System.out.println("FALSE " + profiles.get((int) (p >>> 32))
                    + "\n      " + profiles.get((int) (p & 0xffffffffL))));
        }
        return new double[] {precision, recall};
    }

    /**
     * Febrl's fields on lead fields: names, street (number and first address line), suburb as city,
     * postcode, state, birth date (as Febrl writes it, {@code yyyyMMdd}: the matcher sees only digits);
     * the social security number as a custom field, read only when it is an identifier.
     */
    private static void read(Path file, Identifiers identifiers, List<String> entity, List<MatchProfile> profiles) throws IOException {
        try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().trimWhitespacesAroundQuotes(true).ofNamedCsvRecord(file)) {
            for (NamedCsvRecord row : csv) {
                Map<String, String> r = new HashMap<>();
                row.getFieldsAsMap().forEach((k, v) -> r.put(k.strip(), v.strip()));
                Map<LeadField, String> fields = new EnumMap<>(LeadField.class);
                put(fields, LeadField.FIRST_NAME, r.get("given_name"));
                put(fields, LeadField.LAST_NAME, r.get("surname"));
                put(fields, LeadField.CITY, r.get("suburb"));
                put(fields, LeadField.STATE, r.get("state"));
                put(fields, LeadField.STREET, (r.getOrDefault("street_number", "") + " " + r.getOrDefault("address_1", "")).strip());
                put(fields, LeadField.POSTAL_CODE, r.get("postcode"));
                put(fields, LeadField.BIRTH_DATE, r.get("date_of_birth"));
                Map<String, String> custom = r.getOrDefault("soc_sec_id", "").isEmpty() ? Map.of() : Map.of("soc_sec_id", r.get("soc_sec_id"));
                profiles.add(MatchProfile.of(new LeadData(fields, custom), identifiers));
                entity.add(r.get("rec_id").replaceFirst("-(org|dup-\\d+)$", ""));
            }
        }
    }

    private static void put(Map<LeadField, String> fields, LeadField field, String value) {
        if (value != null && !value.isBlank()) {
            fields.put(field, value);
        }
    }

    private static Set<Long> predicted(List<MatchProfile> profiles, Set<Long> compared) {
        Map<String, List<Integer>> blocks = new HashMap<>();
        for (int i = 0; i < profiles.size(); i++) {
            for (String key : profiles.get(i).blockingKeys()) {
                blocks.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        LeadMatcher matcher = new LeadMatcher();
        Set<Long> duplicates = new HashSet<>();
        for (List<Integer> block : blocks.values()) {
            for (int x = 0; x < block.size(); x++) {
                for (int y = x + 1; y < block.size(); y++) {
                    long pair = pair(block.get(x), block.get(y));
                    if (compared.add(pair) && matcher.compare(profiles.get(block.get(x)), profiles.get(block.get(y))).isPresent()) {
                        duplicates.add(pair);
                    }
                }
            }
        }
        return duplicates;
    }

    private static Set<Long> truth(List<String> entity) {
        Map<String, List<Integer>> byEntity = new HashMap<>();
        for (int i = 0; i < entity.size(); i++) {
            byEntity.computeIfAbsent(entity.get(i), k -> new ArrayList<>()).add(i);
        }
        Set<Long> pairs = new HashSet<>();
        for (List<Integer> same : byEntity.values()) {
            for (int x = 0; x < same.size(); x++) {
                for (int y = x + 1; y < same.size(); y++) {
                    pairs.add(pair(same.get(x), same.get(y)));
                }
            }
        }
        return pairs;
    }

    private static long pair(int a, int b) {
        return a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
    }
}
