package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.db.jooq.Tables;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    void aHeaderWithAHundredThousandColumnsIsRefusedNamingTheColumnLimit() throws Exception {
        String csv = "Email" + ",x".repeat(99_999) + "\nwide@header.example" + ",1".repeat(99_999) + "\n";

        for (String endpoint : new String[] {LEADS, ACCOUNTS}) {
            HttpResponse<String> refused = refusedLeavingNothing("file", endpoint, "text/csv", csv);
            assertThat(refused.body()).contains("line 1").contains("at most 1000 columns");
        }
    }

    @Test
    void aRowWithAHundredThousandFieldsIsRefusedNamingItsLineAndNothingIsImported() throws Exception {
        String leads = "Email,Company\nfirst@wide-row.example,Wide Co\nsecond@wide-row.example" + ",x".repeat(99_999) + "\n";
        String accounts = "Name,Domain\nWide Row Co,wide-row.example\nOther" + ",x".repeat(99_999) + "\n";

        for (String[] upload : new String[][] {{LEADS, leads}, {LEADS + "?async=true", leads}, {ACCOUNTS, accounts}}) {
            HttpResponse<String> refused = refusedLeavingNothing("file", upload[0], "text/csv", upload[1]);
            assertThat(refused.body()).contains("line 3").contains("at most 1000 columns");
        }
        assertThat(server.get("/api/v1/leads?q=first%40wide-row").body()).doesNotContain("Wide Co");
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

    @Test
    void aMultipartBodyThatCannotBeReadIsA400ThatClosesTheConnection() throws Exception {
        String boundary = "----leadline" + System.nanoTime();
        String multipart = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"leads\u0007.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n"
                + "Email\nbell@multipart.example\n\r\n"
                + "--" + boundary + "--\r\n";
        for (String endpoint : new String[] {LEADS, ACCOUNTS}) {
            HttpResponse<String> refused = refusedLeavingNothing("file", endpoint, "multipart/form-data; boundary=" + boundary, multipart);
            assertThat(refused.body()).contains("the multipart body could not be read");
            assertThat(refused.headers().firstValue("Connection")).contains("close");
        }
    }

    @Test
    void aBadOptionIsRefusedBeforeTheFileIsSpooled() throws Exception {
        refusedLeavingNothing("dryRun", LEADS + "?dryRun=maybe", "text/csv", "Email\noption@refused.example\n");
        refusedLeavingNothing("mapping", LEADS + "?mapping=%7Bnot-json", "text/csv", "Email\noption@refused.example\n");
    }

    @Test
    void repeatedHeaderNamesAreRefusedNamingTheColumnsAndNothingIsImported() throws Exception {
        HttpResponse<String> leads = refusedLeavingNothing("file", LEADS, "text/csv", "Email,Company,Notes, notes\ntwice@header.example,Twice Co,a,b\n");
        assertThat(leads.body()).contains("'Notes'").contains("columns 3 and 4");
        assertThat(server.get("/api/v1/leads?q=twice%40header").body()).doesNotContain("Twice Co");

        HttpResponse<String> accounts = refusedLeavingNothing("file", ACCOUNTS, "text/csv", "Name,Domain,DOMAIN\nTwice Co,twice.example,twice.org\n");
        assertThat(accounts.body()).contains("'Domain'").contains("columns 2 and 3");
    }

    @Test
    void aHeaderWithAQuoteLeftOpenIsRefusedInsteadOfSwallowingTheRowsAfterIt() throws Exception {
        HttpResponse<String> refused = refusedLeavingNothing("file", LEADS, "text/csv",
                "Email,\"Company\nswallowed@header.example,Acme\"\nnext@header.example,Next\n");

        assertThat(refused.body()).contains("the header on line 1 cannot be read: a quoted field is not closed on its line");
    }

    @Test
    void twoAccountColumnsForOneFieldAreRefusedNamingBoth() throws Exception {
        HttpResponse<String> refused = refusedLeavingNothing("file", ACCOUNTS, "text/csv", "Name,Domain,Website\nTwo Columns Co,two.example,two.org\n");

        assertThat(refused.body()).contains("'Domain' and 'Website' both give the domain");
    }

    @Test
    void anUnterminatedQuoteRejectsOnlyItsLineAndEveryLaterRowIsImported() throws Exception {
        String csv = "Email,Company\n"
                + "before@quote.example,Before Co\n"
                + "multi@quote.example,\"Multi\nLine Co\"\n"
                + "broken@quote.example,\"Broken Co\n"
                + "after1@quote.example,After Co\n"
                + "after2@quote.example,After Co\n";

        JsonNode report = report(post(LEADS, "text/csv", csv));

        assertThat(report.path("rows").asLong()).isEqualTo(5);
        assertThat(report.path("imported").asLong()).isEqualTo(4);
        assertThat(report.path("rejectedCount").asLong()).isEqualTo(1);
        assertThat(report.path("rejected").get(0).path("line").asLong()).isEqualTo(5);
        assertThat(report.path("rejected").get(0).path("reason").asText())
                .contains("unterminated quoted field").contains("lines 5-7").contains("resumed at line 6");
        assertThat(server.get("/api/v1/leads?q=after2%40quote").body()).contains("After Co");
        assertThat(server.get("/api/v1/leads?q=multi%40quote").body()).contains("Multi\\nLine Co");
    }

    @Test
    void aStrayQuoteClosedLinesLaterLosesNoRowInAnAsyncJobEither() throws Exception {
        StringBuilder csv = new StringBuilder("Email,Company,Source\n");
        for (int line = 2; line <= 2_001; line++) {
            String company = line == 10 ? "\"Opens Co" : line == 100 ? "Closes\" Co" : "Co " + line;
            csv.append("row").append(line).append("@stray.example,").append(company).append(",web\n");
        }
        HttpResponse<String> accepted = post(LEADS + "?async=true", "text/csv", csv.toString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String url = JSON.readTree(accepted.body()).path("url").asText();

        JsonNode job = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> JSON.readTree(server.get(url).body()), j -> !j.path("status").asText().equals("RUNNING"));

        assertThat(job.path("status").asText()).isEqualTo("DONE");
        assertThat(job.path("rows").asLong()).isEqualTo(2_000);
        assertThat(job.path("imported").asLong()).isEqualTo(1_999);
        assertThat(job.path("rejected").findValuesAsText("line")).containsExactly("10");
        assertThat(job.path("rejected").get(0).path("reason").asText()).contains("lines 10-100").contains("resumed at line 11");
        assertThat(server.get("/api/v1/leads?q=row99%40stray").body()).contains("Co 99");
    }

    @Test
    void anUnterminatedQuoteInAnAccountsFileRejectsOnlyItsLine() throws Exception {
        String csv = "Name,Domain\nQuote One,quote-one.example\n\"Quote Two,quote-two.example\nQuote Three,quote-three.example\n";

        JsonNode report = report(post(ACCOUNTS, "text/csv", csv));

        assertThat(report.path("rows").asLong()).isEqualTo(3);
        assertThat(report.path("accountsCreated").asLong()).isEqualTo(2);
        assertThat(report.path("rejected").get(0).path("line").asLong()).isEqualTo(3);
        assertThat(report.path("rejected").get(0).path("reason").asText()).contains("unterminated quoted field");
    }

    @Test
    void rejectedRowsDownloadAsCsvWithFormulaCellsDisarmedWhileValuesAreStoredAsGiven() throws Exception {
        String csv = "Email,Company,Notes\n"
                + "ok@inject.example,=1+2,@SUM(A1)\n"
                + "not-an-email,@SUM(1+1),-2\n"
                + "=1+1,Tab Co,\"\tx\"\n"
                + "broken@inject.example,\"-open\n";
        JsonNode report = report(post(LEADS, "text/csv", csv));
        assertThat(report.path("rejectedCount").asLong()).isEqualTo(3);
        assertThat(report.path("rejected").get(0).has("values")).as("the JSON report keeps its shape").isFalse();
        JsonNode stored = JSON.readTree(server.get("/api/v1/leads?q=ok%40inject").body()).path("items").get(0);
        assertThat(stored.path("company").asText()).isEqualTo("=1+2");
        assertThat(stored.path("customFields").path("Notes").asText()).isEqualTo("@SUM(A1)");

        HttpResponse<String> download = server.get("/api/v1/imports/" + report.path("job").asLong() + "/rejected.csv");

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        String[] lines = download.body().split("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEqualTo("\uFEFFRejected line,Rejection reason,Email,Company,Notes");
        assertThat(lines[1]).startsWith("3,").endsWith(",not-an-email,'@SUM(1+1),'-2");
        assertThat(lines[2]).startsWith("4,").endsWith(",'=1+1,Tab Co,'\tx");
        assertThat(lines[3]).isEqualTo("5,unterminated quoted field: the quote opened on line 5 is never closed; only line 5 is rejected"
                + " and reading resumed at line 6,\"broken@inject.example,\"\"-open\"");
    }

    private static HttpResponse<String> post(String path, String contentType, String body) {
        return server.send(server.request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static JsonNode report(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
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
        return server.database().dsl().fetchCount(Tables.IMPORT_JOB);
    }
}
