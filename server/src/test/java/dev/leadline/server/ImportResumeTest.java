package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ImportResumeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anImportCutShortByAStopResumesAfterRestartWithoutLosingOrDuplicatingRows() throws Exception {
        int rows = 12_000;
        StringBuilder csv = new StringBuilder("Record ID,First Name,Last Name,Email,Company\n");
        for (int i = 0; i < rows; i++) {
            csv.append(i).append(",Resume,Row").append(i).append(",row").append(i).append("@resume.example,Resume Co\n");
        }
        try (TestServer server = TestServer.start()) {
            var accepted = server.send(server.request("/api/v1/leads/import?async=true").header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build());
            assertThat(accepted.statusCode()).isEqualTo(202);
            String job = JSON.readTree(accepted.body()).path("url").asText();

            JsonNode progress = poll(server, job, j -> j.path("rows").asLong() > 0);
            assertThat(progress.path("status").asText()).as("still running when the server stops").isEqualTo("RUNNING");
            server.restart();

            JsonNode done = poll(server, job, j -> !j.path("status").asText().equals("RUNNING"));
            assertThat(done.path("status").asText()).isEqualTo("DONE");
            assertThat(done.path("rows").asLong()).isEqualTo(rows);
            assertThat(done.path("imported").asLong()).isEqualTo(rows);
            assertThat(server.services().leads().list(dev.leadline.core.lead.LeadQuery.all().withText(java.util.Optional.of("row11999@")).withPage(5, java.util.Optional.empty())).items()).hasSize(1);
        }
    }

    private static JsonNode poll(TestServer server, String url, java.util.function.Predicate<JsonNode> until) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> JSON.readTree(server.get(url).body()), until);
    }
}
