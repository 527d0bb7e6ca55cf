package dev.leadline.server;

import static dev.leadline.db.jooq.Tables.ACTIVITY;
import static dev.leadline.db.jooq.Tables.SALES_LEAD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Duplicate detection end to end on Febrl 4a and 4b (core test resources, see {@code febrl/README.md}):
 * 5,000 people and one duplicate of each, labelled {@code rec-N-org} / {@code rec-N-dup-0}, written as a
 * Salesforce contact export and posted to {@code POST /api/v1/leads/import} of a server that flags
 * look-alikes at import with the social security number as identifier. Each flagged lead names the lead
 * it looks like on its timeline; precision and recall are counted over those pairs against the labels.
 */
class FebrlImportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG = """
            duplicates:
              identifiers: [custom.soc_sec_id]
              rules:
                - {name: same-person, against: leads, at: [import], action: flag}
            """;
    private static final String HEADER = "rec_id,First Name,Last Name,Mailing Street,Mailing City,Mailing State/Province,"
            + "Mailing Zip/Postal Code,Birthdate,soc_sec_id\n";
    private static final Pattern LOOKS_LIKE = Pattern.compile("looks like (L-\\d+) ");
    private static final int TRUE_PAIRS = 5000;

    @Test
    void fourAThenFourBAreFlaggedWithPrecisionAndRecallAtLeast099(@TempDir Path dir) throws Exception {
        double[] measured = importAndMeasure(dir, "4a then 4b", List.of(people("dataset4a.csv"), people("dataset4b.csv")));

        assertThat(measured[0]).as("precision").isGreaterThanOrEqualTo(0.99);
        assertThat(measured[1]).as("recall").isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void oneShuffledFileOfBothIsFlaggedWithPrecisionAndRecallAtLeast099(@TempDir Path dir) throws Exception {
        List<String> both = new ArrayList<>(people("dataset4a.csv"));
        both.addAll(people("dataset4b.csv"));
        Collections.shuffle(both, new Random(29));

        double[] measured = importAndMeasure(dir, "4a and 4b shuffled", List.of(both));

        assertThat(measured[0]).as("precision").isGreaterThanOrEqualTo(0.99);
        assertThat(measured[1]).as("recall").isGreaterThanOrEqualTo(0.99);
    }

    /** Imports each file in turn into a new server, then counts the flagged pairs: precision and recall. */
    private static double[] importAndMeasure(Path dir, String run, List<List<String>> files) throws Exception {
        try (TestServer server = TestServer.start(Map.of("LEADLINE_CONFIG", Files.writeString(dir.resolve("leadline.yml"), CONFIG).toString()))) {
            long started = System.nanoTime();
            long rejected = 0;
            long reported = 0;
            for (List<String> rows : files) {
                JsonNode report = importCsv(server, HEADER + String.join("", rows));
                assertThat(report.path("rows").asLong()).isEqualTo(rows.size());
                rejected += report.path("rejectedCount").asLong();
                reported += report.path("flagged").asLong();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            assertThat(rejected).as("rows without a name (Febrl has three)").isLessThanOrEqualTo(3);

            Map<String, String> entityOf = entities(server);
            List<String> flagged = new ArrayList<>();
            Set<String> correct = new HashSet<>();
            server.database().dsl().select(ACTIVITY.LEAD_ID, ACTIVITY.SUMMARY).from(ACTIVITY).where(ACTIVITY.TYPE.eq("IMPORTED")).forEach(r -> {
                Matcher m = LOOKS_LIKE.matcher(r.value2());
                if (m.find()) {
                    String self = entityOf.get("L-" + r.value1());
                    String other = entityOf.get(m.group(1));
                    flagged.add(self);
                    if (self.equals(other)) {
                        correct.add(self);
                    }
                }
            });
            assertThat(flagged).as("each flagged row names its look-alike").hasSize((int) reported);
            double precision = flagged.isEmpty() ? 0 : (double) correct.size() / flagged.size();
            double recall = (double) correct.size() / TRUE_PAIRS;
            System.out.printf("Febrl import, %s: %d leads in %.1f s (%.0f rows/s), %d rejected, %d flagged, precision %.4f, recall %.4f%n",
                    run, entityOf.size(), seconds, entityOf.size() / seconds, rejected, flagged.size(), precision, recall);
            return new double[] {precision, recall};
        }
    }

    /** Each stored lead's Febrl entity: its {@code rec_id} without {@code -org} or {@code -dup-K}. */
    private static Map<String, String> entities(TestServer server) {
        return server.database().dsl().select(SALES_LEAD.ID, DSL.field("JSON_VALUE({0}, '$.rec_id')", String.class, SALES_LEAD.CUSTOM_FIELDS))
                .from(SALES_LEAD).fetch().stream()
                .collect(Collectors.toMap(r -> "L-" + r.value1(), r -> r.value2().replaceFirst("-(org|dup-\\d+)$", "")));
    }

    private static JsonNode importCsv(TestServer server, String csv) throws Exception {
        HttpResponse<String> response = server.send(server.request("/api/v1/leads/import?notify=false").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /**
     * A Febrl file as the rows of a Salesforce export: street is number and first address line, the
     * suburb is the city, the birth date is written {@code yyyy-MM-dd} (left empty when it is no day
     * of the calendar, as a CRM holds only real dates); {@code rec_id} and {@code soc_sec_id} stay
     * custom fields.
     */
    private static List<String> people(String file) throws Exception {
        List<String> lines;
        try (var in = FebrlImportTest.class.getResourceAsStream("/febrl/" + file)) { // in the core test-jar
            lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }
        List<String> header = List.of(lines.get(0).split(",")).stream().map(String::strip).toList(); // no quotes in Febrl's files
        List<String> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            Map<String, String> r = new HashMap<>();
            String[] values = line.split(",", -1);
            for (int i = 0; i < header.size(); i++) {
                r.put(header.get(i), values[i].strip());
            }
            String street = (r.get("street_number") + " " + r.get("address_1")).strip();
            rows.add(String.join(",", quoted(r.get("rec_id")), quoted(r.get("given_name")), quoted(r.get("surname")), quoted(street),
                    quoted(r.get("suburb")), quoted(r.get("state")), quoted(r.get("postcode")), quoted(isoDate(r.get("date_of_birth"))),
                    quoted(r.get("soc_sec_id"))) + "\n");
        }
        return rows;
    }

    private static String isoDate(String febrl) {
        try {
            return java.time.LocalDate.parse(febrl, java.time.format.DateTimeFormatter.BASIC_ISO_DATE).toString();
        } catch (java.time.format.DateTimeParseException e) {
            return "";
        }
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
