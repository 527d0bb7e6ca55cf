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
        String csv = csv(rows, "Resume");
        try (TestServer server = TestServer.start()) {
            var accepted = server.send(server.request("/api/v1/leads/import?async=true").header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString(csv)).build());
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

    @Test
    void anImportWhoseNodeStoppedForGoodIsFinishedByAnotherNodeFromItsCopyInTheDatabase() throws Exception {
        int rows = 20_000;
        String csv = csv(rows, "Takeover");
        TestServer first = TestServer.start();
        try (TestServer second = first.beside(java.util.Map.of(), java.time.Clock.systemUTC())) {
            var accepted = first.send(first.request("/api/v1/leads/import?async=true").header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString(csv)).build());
            assertThat(accepted.statusCode()).isEqualTo(202);
            String job = JSON.readTree(accepted.body()).path("url").asText();
            assertThat(poll(first, job, j -> j.path("rows").asLong() > 0).path("status").asText()).isEqualTo("RUNNING");
            first.close();
            // the first node's disk goes with it, as on another machine: only the copy in the database is left
            java.nio.file.Files.delete(java.nio.file.Path.of(second.database().dsl().fetchValue(
                    "select spool_path from import_job where id = " + job.replaceAll(".*/", "")).toString()));
            JsonNode cut = JSON.readTree(second.get(job).body());
            assertThat(cut.path("status").asText()).as("cut short, its node gone").isEqualTo("RUNNING");
            assertThat(second.get(job).statusCode()).isEqualTo(200);

            // the first node's hold runs out (a minute after its last batch) as if that minute had passed
            second.database().dsl().execute("update import_job set lease_until = now(6) - interval 1 second");
            JsonNode done = poll(second, job, j -> !j.path("status").asText().equals("RUNNING"));

            assertThat(done.path("status").asText()).isEqualTo("DONE");
            assertThat(done.path("rows").asLong()).isEqualTo(rows);
            assertThat(done.path("imported").asLong()).isEqualTo(rows);
            assertThat(second.database().dsl().fetchCount(dev.leadline.db.jooq.Tables.SALES_LEAD, dev.leadline.db.jooq.Tables.SALES_LEAD.EMAIL.like("%@takeover.example")))
                    .as("every row once").isEqualTo(rows);
            assertThat(second.database().dsl().fetchCount(dev.leadline.db.jooq.Tables.IMPORT_SPOOL_CHUNK)).as("the copy is dropped").isZero();
        }
    }

    /** {@code rows} leads named {@code name}, with emails at {@code <name>.example}. */
    private static String csv(int rows, String name) {
        StringBuilder csv = new StringBuilder("Record ID,First Name,Last Name,Email,Company\n");
        for (int i = 0; i < rows; i++) {
            csv.append(i).append(',').append(name).append(",Row").append(i).append(",row").append(i).append('@')
                    .append(name.toLowerCase(java.util.Locale.ROOT)).append(".example,").append(name).append(" Co\n");
        }
        return csv.toString();
    }

    private static JsonNode poll(TestServer server, String url, java.util.function.Predicate<JsonNode> until) {
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                .until(() -> JSON.readTree(server.get(url).body()), until);
    }
}
