package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.db.Database;
import dev.leadline.db.jooq.Tables;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CSV files an attacker or a broken export would send: each is refused with a 400 naming the problem,
 * leaving no job and no spool file behind, or read with every line accounted for.
 */
class ImportHostileInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LEADS = "/api/v1/leads/import";
    private static final String ACCOUNTS = "/api/v1/accounts/import";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anUnknownCharacterSetIsRefusedByNameBeforeAnythingIsSpooled() throws Exception {
        for (String endpoint : new String[] {LEADS, ACCOUNTS}) {
            HttpResponse<String> refused = refusedLeavingNothing("charset", endpoint, "text/csv; charset=bogus-9",
                    "Name,Email\nBogus,bogus@charset.example\n");

            assertThat(refused.body()).contains("bogus-9");
        }
        String boundary = "----leadline" + System.nanoTime();
        String multipart = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"leads.csv\"\r\n"
                + "Content-Type: text/csv; charset=\"x-\u00e9\"\r\n\r\n"
                + "Email\nbogus@multipart.example\n\r\n"
                + "--" + boundary + "--\r\n";
        refusedLeavingNothing("charset", LEADS, "multipart/form-data; boundary=" + boundary, multipart);
    }

    private static HttpResponse<String> post(String path, String contentType, String body) {
        return server.send(server.request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpResponse<String> refusedLeavingNothing(String field, String path, String contentType, String body) throws IOException {
        int jobsBefore = importJobs();
        HttpResponse<String> response = post(path, contentType, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("fields").findValuesAsText("field")).containsExactly(field);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("dev.leadline").doesNotContain(dataDir().toString());
        assertThat(spoolFiles()).isEmpty();
        assertThat(importJobs()).isEqualTo(jobsBefore);
        return response;
    }

    private static Path dataDir() {
        return Path.of(server.env().get("LEADLINE_DATA_DIR"));
    }

    private static java.util.List<Path> spoolFiles() throws IOException {
        Path spool = dataDir().resolve("imports");
        if (!Files.isDirectory(spool)) {
            return java.util.List.of();
        }
        try (Stream<Path> files = Files.list(spool)) {
            return files.toList();
        }
    }

    private static int importJobs() {
        try (Database db = Database.connect(server.env().get("LEADLINE_DB_URL"), "root", "", 1)) {
            return db.dsl().fetchCount(Tables.IMPORT_JOB);
        }
    }
}
