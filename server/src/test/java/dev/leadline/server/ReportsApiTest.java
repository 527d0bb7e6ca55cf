package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reports and {@code leads.csv} over HTTP: JSON and CSV, each bad filter named, a rep sees only their own numbers. */
class ReportsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static String janeToken;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        janeToken = ReportHistory.team(server);
        work("=HYPERLINK(\"x\")", "jane@example.com", "convert");
        work("Web", "jane@example.com", "disqualify");
        work("Web", "omar@example.com", "convert");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void work(String source, String rep, String outcome) throws Exception {
        String id = JSON.readTree(server.postJson("/api/v1/leads", "{\"email\":\"" + Math.random() + "@example.com\",\"source\":"
                + JSON.writeValueAsString(source) + "}").body()).path("id").asText();
        assertThat(server.postJson("/api/v1/leads/" + id + "/assign", "{\"rep\":\"mia@example.com\",\"to\":\"" + rep + "\"}").statusCode())
                .isEqualTo(200);
        String body = outcome.equals("convert") ? "{\"rep\":\"" + rep + "\",\"opportunity\":{\"name\":\"Deal\",\"amount\":250}}"
                : "{\"rep\":\"" + rep + "\",\"reason\":\"No budget\"}";
        assertThat(server.postJson("/api/v1/leads/" + id + "/" + outcome, body).statusCode()).isEqualTo(200);
    }

    @Test
    void conversionBySourceAnswersJsonWithCountsRatesAndAmounts() throws Exception {
        JsonNode report = JSON.readTree(server.get("/api/v1/reports/conversion?by=source").body());

        assertThat(report.path("report").asText()).isEqualTo("conversion");
        assertThat(report.path("tz").asText()).isEqualTo("UTC");
        JsonNode web = rowOf(report, "Web");
        assertThat(web.path("leads").asInt()).isEqualTo(2);
        assertThat(web.path("converted").asInt()).isEqualTo(1);
        assertThat(web.path("rate").asDouble()).isEqualTo(0.5);
        assertThat(web.path("amount").decimalValue().intValue()).isEqualTo(250);
    }

    @Test
    void theFunnelCountsEachStepAndTheDisqualifiedWithTheirReasons() throws Exception {
        JsonNode report = JSON.readTree(server.get("/api/v1/reports/funnel").body());

        JsonNode created = report.path("rows").get(0);
        assertThat(created.path("step").asText()).isEqualTo("created");
        assertThat(created.path("leads").asInt()).isEqualTo(3);
        assertThat(created.path("disqualifiedReasons").path("No budget").asInt()).isEqualTo(1);
        assertThat(report.path("rows").get(4).path("step").asText()).isEqualTo("converted");
        assertThat(report.path("rows").get(4).path("leads").asInt()).isEqualTo(2);
    }

    @Test
    void csvComesWithAcceptOrFormatAndEscapesFormulas() {
        HttpResponse<String> accepted = server.send(server.request("/api/v1/reports/conversion?by=source").header("Accept", "text/csv").GET().build());
        HttpResponse<String> asked = server.get("/api/v1/reports/conversion?by=source&format=csv");

        assertThat(accepted.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(accepted.body()).isEqualTo(asked.body());
        assertThat(asked.body()).startsWith("\uFEFFgroup,leads,converted,rate,amount\r\n");
        assertThat(asked.body()).contains("\"'=HYPERLINK(\"\"x\"\")\",1,1,1.0,250");
    }

    @Test
    void eachBadFilterIsOne400NamingIt() throws Exception {
        HttpResponse<String> bad = server.get("/api/v1/reports/trends?by=planet&from=yesterday&tz=Mars/Base&queue=Nope&rep=nobody@example.com");

        assertThat(bad.statusCode()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        JSON.readTree(bad.body()).path("fields").forEach(f -> fields.add(f.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("by", "from", "tz", "queue", "rep");
        HttpResponse<String> backwards = server.get("/api/v1/reports/reps?from=2026-05-01&to=2026-04-01");
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("\"from\"");
        assertThat(server.get("/api/v1/reports/funnel?format=xml").body()).contains("\"format\"");
    }

    @Test
    void aRepSeesOnlyTheirOwnNumbers() throws Exception {
        HttpResponse<String> own = asJane("/api/v1/reports/reps");
        HttpResponse<String> other = asJane("/api/v1/reports/reps?rep=omar@example.com");
        JsonNode all = JSON.readTree(server.get("/api/v1/reports/reps").body());

        assertThat(own.statusCode()).isEqualTo(200);
        JsonNode rows = JSON.readTree(own.body()).path("rows");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("rep").asText()).isEqualTo("jane@example.com");
        assertThat(rows.get(0).path("converted").asInt()).isEqualTo(1);
        assertThat(rows.get(0).path("assigned").asInt()).isEqualTo(2);
        assertThat(rows.get(0).path("disqualified").path("No budget").asInt()).isEqualTo(1);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(all.path("rows")).hasSize(3);
    }

    @Test
    void anyViewComesAsStreamedCsvWithFormulasEscaped() {
        HttpResponse<String> csv = server.get("/api/v1/leads.csv?view=disqualified");
        HttpResponse<String> badView = server.get("/api/v1/leads.csv?view=mine");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body().split("\r\n")).hasSize(2);
        assertThat(csv.body()).startsWith("\uFEFFid,");
        assertThat(csv.body()).contains("DISQUALIFIED,No budget,jane@example.com");
        assertThat(server.get("/api/v1/leads.csv").body()).contains("'=HYPERLINK");
        assertThat(badView.statusCode()).isEqualTo(400);
    }

    private static HttpResponse<String> asJane(String path) {
        return server.send(java.net.http.HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + janeToken).GET().build());
    }

    private static JsonNode rowOf(JsonNode report, String group) {
        for (JsonNode row : report.path("rows")) {
            if (row.path("group").asText().equals(group)) {
                return row;
            }
        }
        throw new AssertionError("no row " + group + " in " + report);
    }
}
