package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.Actor;
import dev.leadline.core.intake.FormDefinition;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import dev.leadline.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Imports and Forms pages over plain HTTP: the flow, the door, hostile files, the REST preview and the forms' test submit. */
class ConsoleImportsAndFormsTest {
    static final String CSV = "First Name,Last Name,Email,Company,Notiz\n"
            + "Ada,Lovelace,ada@imports.example,Engines,first\n"
            + "Grace,Hopper,grace@imports.example,Navy,second\n"
            + "Alan,Turing,not an email,=HYPERLINK(\"http://evil.example\"),third\n"
            + "Only,Two\n"
            + "Edsger,Dijkstra,edsger@imports.example,Eindhoven,fourth\n";
    private static final Pattern UPLOAD = Pattern.compile("/console/imports/([0-9a-f-]{36})$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static ConsoleFixture console;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        console = new ConsoleFixture(server);
        server.services().team().apply(List.of(new RepSpec("zoe@example.com", "Zoe Admin", null, null, null, true, "ADMIN", Map.of())),
                List.of(new QueueSpec("Inbound", null, List.of("jane@example.com", "omar@example.com"))), Actor.cli("test"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anAdminPreviewsTriesOutAndImportsAFileThenDownloadsItsRejectedRows() {
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        String upload = upload(ada, "leads.csv", CSV.getBytes(StandardCharsets.UTF_8));

        String preview = console.get("/console/imports/" + upload, ada.cookie()).body();
        assertThat(preview).contains("<label for=\"column-2\">Email</label>").contains("<option value=\"email\" selected>")
                .contains("<option value=\"custom:Notiz\" selected>").contains("5 rows").contains("ada@imports.example");

        HttpResponse<String> dryRun = console.post("/console/imports/" + upload + "/dry-run", ada.cookie(),
                form(ada, Map.of("column-4", "ignore")));
        assertThat(dryRun.statusCode()).as(dryRun.body()).isEqualTo(200);
        assertThat(dryRun.body()).contains("nothing was stored").contains("<dt>Would create</dt><dd data-count=\"Would create\">3</dd>")
                .contains("<dd data-count=\"Rejected\">2</dd>").contains("not an email").contains("has 2 fields but the header has 5");
        assertThat(server.get("/api/v1/leads?q=ada%40imports").body()).doesNotContain("ada@imports.example");

        HttpResponse<String> started = console.post("/console/imports/" + upload + "/start", ada.cookie(), form(ada, Map.of("column-4", "ignore")));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
        Awaitility.await("the import done").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                console.get("/console/imports/" + upload + "/progress", ada.cookie()).body().contains("data-state=\"done\""));
        String done = console.get("/console/imports/" + upload, ada.cookie()).body();
        assertThat(done).contains("<span id=\"rows-done\">5</span> of <span id=\"rows-total\">5</span>")
                .contains("<dd data-count=\"Created\">3</dd>").contains("rejected.csv");
        JsonNode lead = read(server.get("/api/v1/leads?q=ada%40imports").body()).path("items").get(0);
        assertThat(lead.path("custom").has("Notiz")).isFalse();

        HttpResponse<String> rejected = console.get("/console/imports/" + upload + "/rejected.csv", ada.cookie());
        assertThat(rejected.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(rejected.body().lines().toList()).hasSize(3);
        assertThat(rejected.body()).contains("Rejected line,Rejection reason,First Name,Last Name,Email,Company,Notiz")
                .contains("'=HYPERLINK").contains("Only,Two");
    }

    @Test
    void theDoorRefusesNoSessionNoCsrfRepsAndAnotherAdminsUpload() {
        assertThat(console.get("/console/imports", null).statusCode()).isEqualTo(303);
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        String upload = upload(ada, "mine.csv", CSV.getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> noCsrf = console.post("/console/imports/" + upload + "/start", ada.cookie(), Map.of());
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        assertThat(multipart(ada.cookie(), null, "x.csv", CSV.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(403);

        ConsoleFixture.Session max = console.signIn("max@example.com");
        assertThat(console.get("/console/imports", max.cookie()).statusCode()).isEqualTo(403);
        assertThat(console.get("/console/imports", max.cookie()).body()).doesNotContain("/console/imports\"");

        ConsoleFixture.Session zoe = console.signIn("zoe@example.com");
        assertThat(console.get("/console/imports/" + upload, zoe.cookie()).statusCode()).isEqualTo(404);
        assertThat(console.post("/console/imports/" + upload + "/start", zoe.cookie(), form(zoe, Map.of())).statusCode()).isEqualTo(404);
        assertThat(console.get("/console/imports/" + upload + "/rejected.csv", zoe.cookie()).statusCode()).isEqualTo(404);
        assertThat(console.get("/console/imports/..%2F..%2Fetc%2Fpasswd", zoe.cookie()).statusCode()).isEqualTo(404);
        assertThat(console.get("/console/imports/" + upload, ada.cookie()).statusCode()).isEqualTo(200);
    }

    @Test
    void aFileThatIsNoCsvComesBackWithASentence() {
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        StringBuilder wide = new StringBuilder();
        for (int i = 0; i <= 1000; i++) {
            wide.append(i == 0 ? "" : ",").append("c").append(i);
        }
        Map<String, byte[]> files = Map.of(
                "empty.csv", new byte[0],
                "image.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, (byte) 0xff, (byte) 0xfe, 0},
                "wide.csv", (wide + "\n").getBytes(StandardCharsets.UTF_8),
                "twice.csv", "Email,email\na@b.example,c@d.example\n".getBytes(StandardCharsets.UTF_8));
        Map<String, String> sentences = Map.of("empty.csv", "the file is empty", "image.png", "is not valid UTF-8",
                "wide.csv", "at most 1000 columns", "twice.csv", "twice");
        files.forEach((name, bytes) -> {
            HttpResponse<String> refused = multipart(ada.cookie(), ada.csrf(), name, bytes);
            assertThat(refused.statusCode()).as(name).isEqualTo(422);
            assertThat(refused.body()).as(name).contains("Not uploaded:").contains(sentences.get(name)).doesNotContain("Exception");
        });
    }

    @Test
    void twoColumnsChosenForOneFieldAreRefusedNamingBothNextToTheirSelectsAndNothingIsImported() {
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        String upload = upload(ada, "dupmap.csv", "Email,Work Email,Company\na1@dupmap.example,b1@dupmap.example,Co1\n"
                .getBytes(StandardCharsets.UTF_8));
        Map<String, String> twice = Map.of("column-0", "email", "column-1", "email", "column-2", "company");

        for (String step : List.of("dry-run", "start")) {
            HttpResponse<String> refused = console.post("/console/imports/" + upload + "/" + step, ada.cookie(), form(ada, twice));
            assertThat(refused.statusCode()).as(step).isEqualTo(422);
            assertThat(refused.body()).as(step).contains("two columns feed Email: 'Email' and 'Work Email'")
                    .contains("aria-describedby=\"column-0-error\"").contains("aria-describedby=\"column-1-error\"")
                    .contains("<p class=\"field-error\" id=\"column-1-error\">").doesNotContain("column-2-error")
                    .doesNotContain("Would create");
        }
        assertThat(server.get("/api/v1/leads?q=dupmap").body()).doesNotContain("dupmap.example");
    }

    @Test
    void aFileReadInAnEncodingItIsNotInOrAnEncodingNotOfferedIsRefused() {
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        byte[] utf8 = "Email,Work Email,Company\na1@enc.example,b1@enc.example,Co12\n".getBytes(StandardCharsets.UTF_8);
        assertThat(utf8.length % 2).as("an even length decodes as UTF-16 without error").isZero();

        HttpResponse<String> misread = multipart(ada.cookie(), ada.csrf(), "utf8.csv", utf8, "UTF-16");
        assertThat(misread.statusCode()).isEqualTo(422);
        assertThat(misread.body()).contains("Not uploaded:").contains("does not read as UTF-16").doesNotContain("Exception");

        HttpResponse<String> unknown = multipart(ada.cookie(), ada.csrf(), "utf8.csv", utf8, "EBCDIC");
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("the encoding must be one of UTF-8, windows-1252, ISO-8859-1, UTF-16");

        byte[] utf16 = "Email,Company\nu16@enc.example,Co1\n".getBytes(StandardCharsets.UTF_16);
        assertThat(multipart(ada.cookie(), ada.csrf(), "utf16.csv", utf16, "UTF-16").statusCode()).isEqualTo(303);
    }

    @Test
    void thePreviewMarksAMalformedRowWithTheReasonTheDryRunGives() {
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        String upload = upload(ada, "malformed.csv", ("First Name,Last Name,Email,Company\n"
                + "Bob,=HYPERLINK(\"http://evil.example\",\"click\"),bob@malformed.example,Co\n").getBytes(StandardCharsets.UTF_8));

        String preview = console.get("/console/imports/" + upload, ada.cookie()).body();
        assertThat(preview).contains("<tr class=\"malformed\">").contains("Line 2 cannot be imported:")
                .contains("field 3 has characters after its closing quote");
        HttpResponse<String> dryRun = console.post("/console/imports/" + upload + "/dry-run", ada.cookie(), form(ada, Map.of()));
        assertThat(dryRun.body()).contains("field 3 has characters after its closing quote");
    }

    @Test
    void valuesThatMeanEmptyLongerThanTheFieldAllowsAreRefusedAndOneRowIsOneRow() {
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        String upload = upload(ada, "one.csv", "Email\none@row.example\n".getBytes(StandardCharsets.UTF_8));

        String preview = console.get("/console/imports/" + upload, ada.cookie()).body();
        assertThat(preview).contains("1 row.").contains("Import 1 row</button>").contains("The file's first row")
                .contains("maxlength=\"500\"").doesNotContain("1 rows");
        HttpResponse<String> tooLong = console.post("/console/imports/" + upload + "/dry-run", ada.cookie(),
                form(ada, Map.of("nullValues", "x".repeat(501))));
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(tooLong.body()).contains("Not tried:").contains("at most 500 characters");
        HttpResponse<String> notStarted = console.post("/console/imports/" + upload + "/start", ada.cookie(),
                form(ada, Map.of("nullValues", "x".repeat(501))));
        assertThat(notStarted.statusCode()).isEqualTo(422);
    }

    @Test
    void theApiPreviewsAFileAsTheConsoleDoes() {
        HttpResponse<String> preview = server.send(server.request("/api/v1/leads/import/preview").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(CSV)).build());

        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        JsonNode body = read(preview.body());
        assertThat(body.path("mapping").path("Email").asText()).isEqualTo("email");
        assertThat(body.path("mapping").path("Notiz").asText()).isEqualTo("custom:Notiz");
        assertThat(body.path("firstRows")).hasSize(5);
        assertThat(body.path("rows").asLong()).isEqualTo(5);
        assertThat(body.path("importable").asBoolean()).isTrue();
    }

    @Test
    void theFormsPageShowsEachFormsEscapedSnippetAndItsTestSubmitCreatesALead() {
        server.services().forms().save(new FormDefinition("webinar", "Webinar <b>sign-up</b>", Map.of("work_email", "email"), "Web",
                "Webinar", null, List.of()), Actor.cli("test"));
        ConsoleFixture.Session jane = console.signIn("jane@example.com");

        String page = console.get("/console/forms", jane.cookie()).body();
        assertThat(page).contains("Webinar &lt;b&gt;sign-up&lt;/b&gt;")
                .contains("&lt;form method=\"post\" action=\"http://localhost:")
                .contains("name=\"work_email\"&gt;").contains("leadline_hp").doesNotContain("<b>sign-up");

        HttpResponse<String> refused = console.post("/console/forms/webinar/test", jane.cookie(), Map.of("work_email", "x@y.example"));
        assertThat(refused.statusCode()).isEqualTo(403);
        HttpResponse<String> sent = console.post("/console/forms/webinar/test", jane.cookie(),
                Map.of("_csrf", jane.csrf(), "work_email", "webinar@forms.example", "lastName", "Tester"));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        Matcher lead = Pattern.compile("href=\"/console/leads/(L-\\d+)\"").matcher(sent.body());
        assertThat(lead.find()).as(sent.body()).isTrue();
        JsonNode stored = read(server.get("/api/v1/leads/" + lead.group(1)).body());
        assertThat(stored.path("email").asText()).isEqualTo("webinar@forms.example");
        assertThat(stored.path("campaign").asText()).isEqualTo("Webinar");

        HttpResponse<String> invalid = console.post("/console/forms/webinar/test", jane.cookie(), Map.of("_csrf", jane.csrf(), "work_email", "nope"));
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.body()).contains("Not accepted:");
    }

    private static Map<String, String> form(ConsoleFixture.Session session, Map<String, String> fields) {
        Map<String, String> form = new java.util.HashMap<>(fields);
        form.put("_csrf", session.csrf());
        form.put("notify", "true");
        return form;
    }

    /** Uploads a file as the page's form does; the id of its preview. */
    static String upload(ConsoleFixture.Session session, String name, byte[] csv) {
        HttpResponse<String> uploaded = multipart(session.cookie(), session.csrf(), name, csv);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(303);
        Matcher id = UPLOAD.matcher(uploaded.headers().firstValue("Location").orElseThrow());
        assertThat(id.find()).isTrue();
        return id.group(1);
    }

    private static HttpResponse<String> multipart(String cookie, String csrf, String fileName, byte[] content) {
        return multipart(cookie, csrf, fileName, content, null);
    }

    private static HttpResponse<String> multipart(String cookie, String csrf, String fileName, byte[] content, String encoding) {
        String boundary = "----leadline" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (csrf != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (encoding != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"encoding\"\r\n\r\n" + encoding + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return server.send(HttpRequest.newBuilder(server.uri("/console/imports")).header("Cookie", cookie)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
