package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.plugin.testkit.NeedsSharedData;
import dev.leadline.plugin.testkit.SharedData;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ImportApiTest {
    static final Path X_EDUCATION = SharedData.file("x-education/Leads.csv");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CSV_PART = "Content-Disposition: form-data; name=\"file\"; filename=\"leads.csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\n";
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
    @NeedsSharedData("x-education/Leads.csv")
    void theXEducationExportImportsWithEveryRowAccountedForAndReImportsAsDuplicates() throws Exception {
        JsonNode first = importFile(X_EDUCATION, "?nullValues=Select");

        assertThat(first.path("rows").asLong()).isEqualTo(9240);
        assertThat(first.path("imported").asLong()).isEqualTo(9240);
        assertThat(first.path("rejectedCount").asLong()).isZero();

        JsonNode again = importFile(X_EDUCATION, "?nullValues=Select");
        assertThat(again.path("imported").asLong()).isZero();
        assertThat(again.path("duplicates").asLong()).isEqualTo(9240);

        JsonNode page = JSON.readTree(server.get("/api/v1/leads?q=&limit=1").body()).path("items").get(0);
        assertThat(page.path("externalId").asText()).matches("[0-9a-f-]{36}");
        assertThat(page.path("customFields").has("Lead Number")).isTrue();
        assertThat(page.path("customFields").has("Specialization") && "Select".equals(page.path("customFields").path("Specialization").asText()))
                .as("'Select' placeholders are dropped").isFalse();
    }

    @Test
    void badRowsAreReportedByLineAndNeverStopTheGoodOnes() throws Exception {
        String csv = "First Name,Last Name,Email,Company\n"
                + "Ada,Lovelace,ada@rows.example,Engines\n"
                + "Grace,Hopper,not-an-email,Navy\n"
                + "Alan,Turing\n"
                + "\"Katherine\",\"Johnson\",\"kj@rows.example\",\"Orbit, Inc\"\n";
        JsonNode report = postCsv(csv, "");

        assertThat(report.path("imported").asLong()).isEqualTo(2);
        assertThat(report.path("rejected").get(0).path("line").asLong()).isEqualTo(3);
        assertThat(report.path("rejected").get(0).path("reason").asText()).contains("not-an-email");
        assertThat(report.path("rejected").get(1).path("line").asLong()).isEqualTo(4);
        assertThat(report.path("rejected").get(1).path("reason").asText()).contains("2 fields");
    }

    @Test
    void aFileInTheWrongEncodingIsRefusedWholeAndChangesNothing() throws Exception {
        byte[] latin1 = "Last Name,Company\nMüller,Bäckerei GmbH\n".getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> refused = server.send(server.request("/api/v1/leads/import").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(latin1)).build());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("not valid UTF-8").contains("line 2");
        assertThat(server.get("/api/v1/leads?q=M%C3%BCller").body()).doesNotContain("Bäckerei");

        HttpResponse<String> named = server.send(server.request("/api/v1/leads/import")
                .header("Content-Type", "text/csv; charset=ISO-8859-1").POST(HttpRequest.BodyPublishers.ofByteArray(latin1)).build());
        assertThat(named.statusCode()).isEqualTo(200);
        assertThat(server.get("/api/v1/leads?q=M%C3%BCller").body()).contains("Bäckerei GmbH");
    }

    @Test
    void aSalesforceContactExportFillsTheAddressAndBirthDateAndABadDateRejectsOnlyItsRow() throws Exception {
        String csv = "First Name,Last Name,Email,Mailing Street,Mailing City,Mailing State/Province,Mailing Zip/Postal Code,Mailing Country,Birthdate\n"
                + "Ada,Lovelace,ada@address.example,12 St James's Square,London,,SW1Y 4JH,United Kingdom,1815-12-10\n"
                + "Grace,Hopper,grace@address.example,1 Navy Way,Arlington,VA,22202,United States,12/09/1906\n";
        JsonNode report = postCsv(csv, "");

        assertThat(report.path("imported").asLong()).isEqualTo(1);
        assertThat(report.path("rejected").get(0).path("line").asLong()).isEqualTo(3);
        assertThat(report.path("rejected").get(0).path("reason").asText()).contains("birthDate").contains("yyyy-MM-dd");
        JsonNode lead = JSON.readTree(server.get("/api/v1/leads?q=ada%40address").body()).path("items").get(0);
        assertThat(lead.path("street").asText()).isEqualTo("12 St James's Square");
        assertThat(lead.path("city").asText()).isEqualTo("London");
        assertThat(lead.path("postalCode").asText()).isEqualTo("SW1Y 4JH");
        assertThat(lead.path("country").asText()).isEqualTo("United Kingdom");
        assertThat(lead.path("birthDate").asText()).isEqualTo("1815-12-10");
        assertThat(lead.path("customFields").size()).isZero();
    }

    @Test
    void anExplicitMappingNamesColumnsTheHeaderDoesNotExplain() throws Exception {
        String csv = "Kontakt,Firma,Notiz\nkarl@mapping.example,Karl AG,call monday\n";
        String mapping = URLEncoder.encode("{\"Kontakt\":\"email\",\"Firma\":\"company\"}", StandardCharsets.UTF_8);
        JsonNode report = postCsv(csv, "?mapping=" + mapping);

        assertThat(report.path("imported").asLong()).isEqualTo(1);
        JsonNode lead = JSON.readTree(server.get("/api/v1/leads?q=karl%40mapping").body()).path("items").get(0);
        assertThat(lead.path("company").asText()).isEqualTo("Karl AG");
        assertThat(lead.path("customFields").path("Notiz").asText()).isEqualTo("call monday");
    }

    @Test
    void aHeaderWithNoLeadFieldsOrABadMappingIsRefusedUpFront() throws Exception {
        var noFields = server.send(csvRequest("foo,bar\n1,2\n", ""));
        assertThat(noFields.statusCode()).isEqualTo(400);
        assertThat(noFields.body()).contains("none of the columns");

        var badMapping = server.send(csvRequest("Email\na@b.example\n", "?mapping=" + URLEncoder.encode("{\"Email\":\"shoeSize\"}", StandardCharsets.UTF_8)));
        assertThat(badMapping.statusCode()).isEqualTo(400);
        assertThat(badMapping.body()).contains("shoeSize");
    }

    @Test
    void aMappingThatFeedsOneFieldFromTwoColumnsIsRefusedNamingBothAndStoresNothing() throws Exception {
        String csv = "Email,Work Email,Company\na1@dupmap-api.example,b1@dupmap-api.example,Co1\n";
        String mapping = URLEncoder.encode("{\"Email\":\"email\",\"Work Email\":\"email\"}", StandardCharsets.UTF_8);

        var refused = server.send(csvRequest(csv, "?mapping=" + mapping));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("two columns feed Email: 'Email' and 'Work Email'").doesNotContain("Exception");
        assertThat(server.get("/api/v1/leads?q=dupmap-api").body()).doesNotContain("dupmap-api.example");

        JsonNode automatic = postCsv("Email,E-mail\na2@dupmap-api.example,b2@dupmap-api.example\n", "");
        assertThat(automatic.path("imported").asLong()).isEqualTo(1);
        JsonNode lead = JSON.readTree(server.get("/api/v1/leads?q=a2%40dupmap-api").body()).path("items").get(0);
        assertThat(lead.path("email").asText()).isEqualTo("a2@dupmap-api.example");
        assertThat(lead.path("customFields").path("E-mail").asText()).isEqualTo("b2@dupmap-api.example");
    }

    @Test
    void aUtf8FileSentAsUtf16OrTooManyValuesThatMeanEmptyAreRefusedWithASentence() throws Exception {
        byte[] utf8 = "Email,Work Email,Company\na1@utf16.example,b1@utf16.example,Co12\n".getBytes(StandardCharsets.UTF_8);
        assertThat(utf8.length % 2).as("an even length decodes as UTF-16 without error").isZero();
        HttpResponse<String> misread = server.send(server.request("/api/v1/leads/import/preview")
                .header("Content-Type", "text/csv; charset=UTF-16").POST(HttpRequest.BodyPublishers.ofByteArray(utf8)).build());
        assertThat(misread.statusCode()).isEqualTo(400);
        assertThat(misread.body()).contains("does not read as UTF-16").doesNotContain("Exception").doesNotContain("/imports/");

        var tooLong = server.send(csvRequest("Email\na@null.example\n", "?nullValues=" + "x".repeat(501)));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("at most 500 characters");
    }

    @Test
    void aPreviewMarksTheRowsTheImportWouldRejectUnreadWithTheSameReason() throws Exception {
        String csv = "First Name,Last Name,Email,Company\n"
                + "Bob,=HYPERLINK(\"http://evil.example\",\"click\"),bob@malformed.example,Co\n"
                + "Ada,Lovelace,ada@malformed.example,Engines\n";
        HttpResponse<String> preview = server.send(server.request("/api/v1/leads/import/preview").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build());
        JsonNode dryRun = postCsv(csv, "?dryRun=true");

        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        JsonNode malformed = JSON.readTree(preview.body()).path("malformedRows");
        assertThat(malformed).hasSize(1);
        assertThat(malformed.get(0).path("row").asInt()).isZero();
        assertThat(malformed.get(0).path("line").asLong()).isEqualTo(2);
        assertThat(malformed.get(0).path("reason").asText()).contains("characters after its closing quote")
                .isEqualTo(dryRun.path("rejected").get(0).path("reason").asText());
    }

    @Test
    void aDryRunReportsWithoutStoring() throws Exception {
        JsonNode report = postCsv("Email,Company\ndry@run.example,Dry Co\n", "?dryRun=true");

        assertThat(report.path("dryRun").asBoolean()).isTrue();
        assertThat(report.path("imported").asLong()).isEqualTo(1);
        assertThat(server.get("/api/v1/leads?q=dry%40run").body()).doesNotContain("Dry Co");
    }

    @Test
    void anAsyncImportAnswers202AndItsJobCanBePolled() throws Exception {
        HttpResponse<String> accepted = server.send(csvRequest("Email,Company\nasync@job.example,Async Co\n", "?async=true"));

        assertThat(accepted.statusCode()).isEqualTo(202);
        String url = JSON.readTree(accepted.body()).path("url").asText();
        JsonNode job = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> JSON.readTree(server.get(url).body()), j -> !j.path("status").asText().equals("RUNNING"));
        assertThat(job.path("status").asText()).isEqualTo("DONE");
        assertThat(job.path("imported").asLong()).isEqualTo(1);
    }

    @Test
    void multipartUploadsWorkLikePlainBodies() throws Exception {
        HttpResponse<String> response = postMultipart(CSV_PART + "Email,Company\nmulti@part.example,Multipart Co\n");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("imported").asLong()).isEqualTo(1);
    }

    @Test
    void aMultipartUploadMayNameItsMappingInAFormField() throws Exception {
        HttpResponse<String> response = postMultipart("Content-Disposition: form-data; name=\"mapping\"\r\n\r\n{\"Kontakt\":\"email\"}",
                CSV_PART + "Kontakt,Firma\nform@mapping.example,Form Co\n");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(server.get("/api/v1/leads?q=form%40mapping").body()).path("items").get(0).path("email").asText())
                .isEqualTo("form@mapping.example");
    }

    @Test
    void rowsADuplicateRuleBlockedNameTheLeadTheyMatchedTheFirstThousandInTheReportAllInACsv() throws Exception {
        StringBuilder first = new StringBuilder("Email,Company\n");
        StringBuilder again = new StringBuilder("Email,Company,Notes\n");
        for (int i = 1; i <= 1_001; i++) {
            first.append("dup").append(i).append("@thousand.example,Co ").append(i).append('\n');
            again.append("DUP").append(i).append("@thousand.example,=Co ").append(i).append(",again\n"); // another row, the same mailbox
        }
        assertThat(postCsv(first.toString(), "").path("imported").asLong()).isEqualTo(1_001);

        JsonNode report = postCsv(again.toString(), "");

        String dup1 = JSON.readTree(server.get("/api/v1/leads?q=dup1%40thousand").body()).path("items").get(0).path("id").asText();
        assertThat(report.path("duplicates").asLong()).isEqualTo(1_001);
        assertThat(report.path("duplicateRows")).hasSize(1_000);
        assertThat(report.path("duplicateRows").get(0).toString())
                .isEqualTo("{\"line\":2,\"action\":\"block\",\"lead\":\"" + dup1 + "\",\"matched\":[\"email\"]}");
        HttpResponse<String> download = server.get("/api/v1/imports/" + report.path("job").asLong() + "/duplicates.csv");
        assertThat(download.statusCode()).isEqualTo(200);
        String[] lines = download.body().split("\r\n");
        assertThat(lines).hasSize(1 + 1_001);
        assertThat(lines[0]).isEqualTo("\uFEFFLine,Action,Matched lead,Matched contact,Matched on,Email,Company,Notes");
        assertThat(lines[1]).isEqualTo("2,block," + dup1 + ",,email,DUP1@thousand.example,'=Co 1,again");
        assertThat(lines[1_001]).startsWith("1002,block,L-");
        assertThat(server.get("/api/v1/imports/999999/duplicates.csv").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/v1/imports/abc/duplicates.csv").statusCode()).isEqualTo(400);
    }

    private static HttpResponse<String> postMultipart(String... parts) {
        String boundary = "----leadline" + System.nanoTime();
        StringBuilder body = new StringBuilder();
        for (String part : parts) {
            body.append("--").append(boundary).append("\r\n").append(part).append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        return server.send(server.request("/api/v1/leads/import").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private static JsonNode importFile(Path file, String query) throws Exception {
        HttpResponse<String> response = server.send(server.request("/api/v1/leads/import" + query)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofFile(file)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode postCsv(String csv, String query) throws Exception {
        HttpResponse<String> response = server.send(csvRequest(csv, query));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpRequest csvRequest(String csv, String query) {
        return server.request("/api/v1/leads/import" + query).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build();
    }
}
