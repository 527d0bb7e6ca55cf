package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.plugin.testkit.NeedsSharedData;
import dev.leadline.plugin.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conversion report on the X Education export (issue 23's "done means"): every row imported with its
 * {@code Lead Source} as the source, each converted ({@code Converted=1}) or disqualified through the API
 * as {@link XEducationScoring} records outcomes; the report by source equals the counts taken straight from
 * the CSV's {@code Lead Source} and {@code Converted} columns.
 */
@NeedsSharedData("x-education/Leads.csv")
class XEducationReportsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void conversionBySourceEqualsTheCountsOfTheExport(@TempDir Path dir) throws Exception {
        List<Map<String, String>> rows = XEducationScoring.shuffledRows(SharedData.file("x-education/Leads.csv"));
        Map<String, String> expected = new TreeMap<>();
        Map<String, long[]> counts = new TreeMap<>();
        for (Map<String, String> row : rows) {
            String source = row.getOrDefault("Lead Source", "").strip();
            long[] c = counts.computeIfAbsent(source.isEmpty() ? "(none)" : source, k -> new long[2]);
            c[0]++;
            c[1] += row.get("Converted").equals("1") ? 1 : 0;
        }
        counts.forEach((source, c) -> expected.put(source, c[0] + " leads, " + c[1] + " converted"));
        Path config = Files.writeString(dir.resolve("leadline.yml"), XEducationScoring.CONFIG);
        try (TestServer server = TestServer.start(Map.of("LEADLINE_CONFIG", config.toString()))) {
            XEducationScoring driver = new XEducationScoring(server.uri("/"), TestServer.ADMIN_TOKEN);
            Map<String, String> leadOf = driver.importLeads(rows, List.of());
            driver.recordOutcomes(rows, leadOf);

            JsonNode report = JSON.readTree(server.get("/api/v1/reports/conversion?by=source&from=2000-01-01&to=2999-01-01").body());
            Map<String, String> served = new TreeMap<>();
            report.path("rows").forEach(r -> served.put(r.path("group").asText(),
                    r.path("leads").asLong() + " leads, " + r.path("converted").asLong() + " converted"));

            assertThat(served).isEqualTo(expected);
        }
    }
}
