package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.report.ReportLeads;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The leads behind a report's numbers, on MariaDB through the real server: for a generated history (leads routed by a
 * queue, claimed, contacted, qualified, converted and disqualified, from three sources), every number of every report
 * that links to leads has exactly as many entries behind it, over every page.
 */
class ReportLeadsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static String janeToken;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        janeToken = ReportHistory.team(server);
        ReportHistory.generate(server, "Inbound", 12);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyLinkedNumberOfEveryReportHasAsManyEntriesBehindItOverEveryPage() throws Exception {
        int cells = 0;
        cells += everyCell("funnel", "by=source", List.of("group", "step"));
        cells += everyCell("conversion", "by=source", List.of("group"));
        cells += everyCell("trends", "by=day", List.of("period"));
        cells += everyCell("reps", "", List.of());
        cells += everyCell("fairness", "by=day", List.of("period"));
        assertThat(cells).as("cells with leads behind them").isGreaterThan(30);
    }

    @Test
    void aRepSeesTheLeadsBehindTheirOwnNumbersOnlyAndNotFairness() throws Exception {
        HttpResponse<String> own = asJane("/api/v1/reports/conversion/leads?by=source&group=Web&column=leads");
        HttpResponse<String> other = asJane("/api/v1/reports/reps/leads?rep=omar@example.com&column=claimed");
        HttpResponse<String> fairness = asJane("/api/v1/reports/fairness/leads?queue=Inbound&rep=jane@example.com&period=all&column=leads");
        JsonNode web = rowOf(JSON.readTree(asJane("/api/v1/reports/conversion?by=source").body()), Map.of("group", "Web"));

        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(JSON.readTree(own.body()).path("total").asInt()).isEqualTo(web.path("leads").asInt());
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(fairness.statusCode()).isEqualTo(403);
    }

    @Test
    void aCellThatIsNotOneIsRefusedNamingWhatIsWrong() throws Exception {
        HttpResponse<String> median = server.get("/api/v1/reports/funnel/leads?group=all&step=contacted&column=medianSecondsFromPrevious");
        HttpResponse<String> noRow = server.get("/api/v1/reports/funnel/leads?column=leads");
        HttpResponse<String> quality = server.get("/api/v1/reports/quality/leads?column=flagged");

        assertThat(median.statusCode()).isEqualTo(400);
        assertThat(median.body()).contains("\"column\"");
        assertThat(noRow.body()).contains("\"group\"").contains("\"step\"");
        assertThat(quality.statusCode()).isEqualTo(404);
    }

    /** For every row and linked column: the total behind it is its number, and pages of 2 add up to it. */
    private static int everyCell(String report, String by, List<String> keys) throws Exception {
        JsonNode table = JSON.readTree(server.get("/api/v1/reports/" + report + "?" + by).body());
        String period = "from=" + table.path("from").asText() + "&to=" + table.path("to").asText();
        int checked = 0;
        for (JsonNode row : table.path("rows")) {
            for (String column : ReportLeads.COLUMNS.get(report)) {
                Map<String, String> params = new LinkedHashMap<>();
                keys.forEach(key -> params.put(key, row.path(key).asText()));
                if (report.equals("reps")) {
                    params.put("rep", row.path("rep").asText());
                }
                if (report.equals("fairness")) {
                    params.put("queue", row.path("queue").asText());
                    params.put("rep", row.path("rep").asText());
                }
                params.put("column", column);
                long number = row.path(column).asLong();
                List<String> seen = new ArrayList<>();
                String after = null;
                do {
                    String url = "/api/v1/reports/" + report + "/leads?" + by + "&" + period + "&limit=2&" + query(params)
                            + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
                    HttpResponse<String> page = server.get(url);
                    assertThat(page.statusCode()).as(url + " " + page.body()).isEqualTo(200);
                    JsonNode body = JSON.readTree(page.body());
                    assertThat(body.path("total").asLong()).as(report + " " + params + " total").isEqualTo(number);
                    body.path("leads").forEach(entry -> seen.add(entry.path("lead").asText() + "@" + entry.path("at").asText()));
                    after = body.path("next").isNull() ? null : body.path("next").asText();
                } while (after != null);
                assertThat(seen).as(report + " " + params + " entries").hasSize((int) number).doesNotHaveDuplicates();
                checked += number > 0 ? 1 : 0;
            }
        }
        return checked;
    }

    private static String query(Map<String, String> params) {
        List<String> parts = new ArrayList<>();
        params.forEach((k, v) -> parts.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return String.join("&", parts);
    }

    private static JsonNode rowOf(JsonNode report, Map<String, String> key) {
        for (JsonNode row : report.path("rows")) {
            if (key.entrySet().stream().allMatch(e -> row.path(e.getKey()).asText().equals(e.getValue()))) {
                return row;
            }
        }
        throw new AssertionError("no row " + key + " in " + report);
    }

    private static HttpResponse<String> asJane(String path) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + janeToken).GET().build());
    }
}
