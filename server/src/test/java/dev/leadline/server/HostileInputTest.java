package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an attacker sends: numbers past a long, dates past year 9999, amounts past the column, broken
 * text, oversized definitions and broken HTTP. Each gets a 400 (or the right 4xx) naming the field in
 * the JSON error shape, gives away nothing of the server's insides, and changes nothing.
 */
class HostileInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FAR_FUTURE = "+999999999-12-31T23:59:59Z";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.services().team().apply(List.of(
                new RepSpec("jane@example.com", "Jane Rivera", "Europe/Berlin", null, null, true, "REP", Map.of()),
                new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of())),
                List.of(new QueueSpec("Inbound", null, List.of("jane@example.com"))), Actor.cli("test"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aRepGivenAsATwentyDigitNumberIsRefusedNamingRepAndTheTimelineIsUnchanged() throws Exception {
        String lead = ownedLead("twenty@digits.example");
        String before = server.get("/api/v1/leads/" + lead + "/timeline").body();

        HttpResponse<String> note = server.postJson("/api/v1/leads/" + lead + "/notes",
                "{\"rep\":\"12345678901234567890\",\"text\":\"hello\"}");

        assertRefused(note, 400, "rep");
        assertThat(server.get("/api/v1/leads/" + lead + "/timeline").body()).isEqualTo(before);
    }

    @Test
    void idsPastTheRangeOfALongAreRefusedNamingTheirFieldWhereverTheyComeIn() throws Exception {
        String lead = ownedLead("ids@range.example");
        assertRefused(server.get("/api/v1/leads/L-99999999999999999999"), 400, "id");
        assertRefused(server.postJson("/api/v1/meetings/99999999999999999999/reschedule",
                "{\"rep\":\"jane@example.com\",\"startsAt\":\"2030-01-01T10:00:00Z\"}"), 400, "id");
        assertRefused(server.postJson("/api/v1/tasks/99999999999999999999/complete", "{\"rep\":\"jane@example.com\"}"), 400, "id");
        assertRefused(server.get("/api/v1/imports/99999999999999999999"), 400, "id");
        assertRefused(server.send(server.request("/api/v1/reps/12345678901234567890/availability")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"paused\":true}")).build()), 400, "rep");
        assertRefused(server.get("/api/v1/leads?view=mine&owner=12345678901234567890"), 400, "owner");
        assertRefused(server.postJson("/api/v1/leads/" + lead + "/merge",
                "{\"rep\":\"mia@example.com\",\"leads\":[\"L-99999999999999999999\"]}"), 400, "leads[0]");
        assertRefused(server.postJson("/api/v1/leads/" + lead + "/convert",
                "{\"rep\":\"jane@example.com\",\"account\":{\"id\":99999999999999999999}}"), 400, "account.id");
        assertThat(lead(lead).path("status").asText()).isEqualTo("NEW");
    }

    @Test
    void aMeetingInYearNineHundredNinetyNineMillionIsRefusedNamingStartsAtAndNothingIsBooked() throws Exception {
        String lead = ownedLead("far@future.example");

        assertRefused(server.postJson("/api/v1/leads/" + lead + "/meetings",
                "{\"rep\":\"jane@example.com\",\"startsAt\":\"" + FAR_FUTURE + "\"}"), 400, "startsAt");
        assertRefused(server.postJson("/api/v1/leads/" + lead + "/meetings",
                "{\"rep\":\"jane@example.com\",\"startsAt\":\"+10000-01-01T10:00\"}"), 400, "startsAt");
        assertRefused(server.postJson("/api/v1/leads/" + lead + "/tasks",
                "{\"rep\":\"jane@example.com\",\"title\":\"Call\",\"dueAt\":\"" + FAR_FUTURE + "\"}"), 400, "dueAt");

        assertThat(JSON.readTree(server.get("/api/v1/leads/" + lead + "/meetings").body()).path("items")).isEmpty();
        assertThat(JSON.readTree(server.get("/api/v1/leads/" + lead + "/tasks").body()).path("items")).isEmpty();
    }

    @Test
    void timesOutsideTheYears1900To9999AreRefusedInAvailabilityConversionReportsAndViews() throws Exception {
        assertRefused(server.send(server.request("/api/v1/reps/jane@example.com/availability")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"outOfOffice\":{\"from\":\"" + FAR_FUTURE + "\"}}")).build()),
                400, "outOfOffice.from");
        assertRefused(server.send(server.request("/api/v1/reps/jane@example.com/availability")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"outOfOffice\":{\"from\":\"1000-01-01T00:00:00Z\"}}")).build()),
                400, "outOfOffice.from");
        assertThat(server.services().team().repByEmail("jane@example.com").orElseThrow().outOfOfficeFrom()).isNull();

        String lead = ownedLead("close@date.example");
        assertRefused(server.postJson("/api/v1/leads/" + lead + "/convert", "{\"rep\":\"jane@example.com\","
                + "\"opportunity\":{\"name\":\"Deal\",\"closeDate\":\"+999999999-12-31\"}}"), 400, "opportunity.closeDate");
        assertThat(lead(lead).path("status").asText()).isEqualTo("NEW");

        assertRefused(server.get("/api/v1/reports/speed-to-lead?from=" + FAR_FUTURE.replace("+", "%2B")), 400, "from");
        assertRefused(put("/api/v1/views/far-future", "{\"filters\":[{\"field\":\"createdAt\",\"op\":\"gt\",\"value\":\""
                + FAR_FUTURE + "\"}]}"), 400, "filters[0]");
        assertThat(server.get("/api/v1/views/far-future").statusCode()).isEqualTo(404);
    }

    @Test
    void anOpportunityAmountPastTheColumnIsRefusedAndTheLeadStaysUnconverted() throws Exception {
        String lead = ownedLead("amount@range.example");

        assertRefused(server.postJson("/api/v1/leads/" + lead + "/convert",
                "{\"rep\":\"jane@example.com\",\"opportunity\":{\"name\":\"Big\",\"amount\":1e308}}"), 400, "opportunity.amount");
        assertRefused(server.postJson("/api/v1/leads/" + lead + "/convert",
                "{\"rep\":\"jane@example.com\",\"opportunity\":{\"name\":\"Big\",\"amount\":10000000000000}}"), 400, "opportunity.amount");
        assertRefused(server.postJson("/api/v1/leads/" + lead + "/convert",
                "{\"rep\":\"jane@example.com\",\"opportunity\":{\"name\":\"Big\",\"amount\":1.001}}"), 400, "opportunity.amount");

        assertThat(lead(lead).path("status").asText()).isEqualTo("NEW");
    }

    @Test
    void aMeetingLengthPastAnIntegerIsRefusedNamingDurationMinutes() throws Exception {
        String lead = ownedLead("minutes@range.example");

        assertRefused(server.postJson("/api/v1/leads/" + lead + "/meetings",
                "{\"rep\":\"jane@example.com\",\"startsAt\":\"2030-01-01T10:00:00Z\",\"durationMinutes\":99999999999}"),
                400, "durationMinutes");
        assertThat(JSON.readTree(server.get("/api/v1/leads/" + lead + "/meetings").body()).path("items")).isEmpty();
    }

    @Test
    void aDryRunScorePastAnIntegerIsRefusedRatherThanWrappedIntoRange() throws Exception {
        HttpResponse<String> wrapped = server.postJson("/api/v1/routing/dry-run?score=4294967346",
                "{\"lastName\":\"Dry\",\"email\":\"dry@run.example\"}");

        assertRefused(wrapped, 400, "score");
    }

    @Test
    void anOverlongUtf8FormInTheBodyIsRefusedAndNoLeadIsStored() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"lastName\":\"Over".getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {(byte) 0xC0, (byte) 0xAF});
        body.writeBytes("long\",\"email\":\"overlong@utf8.example\"}".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> created = server.send(server.request("/api/v1/leads").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());

        assertRefused(created, 400, "body");
        assertThat(JSON.readTree(server.get("/api/v1/leads?q=overlong@utf8").body()).path("items")).isEmpty();
    }

    @Test
    void anOverlongUtf8FormInARuleSetIsRefusedAndNoVersionIsSaved() {
        byte[] yaml = "default: {queue: Inbound}\n# from the sales wiki \u00c0\u00af\n".getBytes(StandardCharsets.ISO_8859_1);
        int before = server.services().rules().all().size();

        HttpResponse<String> saved = server.send(server.request("/api/v1/rules/form").header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(yaml)).build());

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(400);
        assertThat(saved.body()).contains("UTF-8");
        assertThat(server.services().rules().all()).hasSize(before);
    }

    @Test
    void aLoneSurrogateOrANulCharacterIsRefusedNamingTheField() throws Exception {
        assertRefused(server.postJson("/api/v1/leads", "{\"lastName\":\"Half\\ud800\",\"email\":\"half@surrogate.example\"}"),
                400, "lastName");
        String lead = ownedLead("nul@text.example");
        String before = server.get("/api/v1/leads/" + lead + "/timeline").body();

        assertRefused(server.postJson("/api/v1/leads/" + lead + "/notes", "{\"rep\":\"jane@example.com\",\"text\":\"a\\u0000b\"}"),
                400, "text");
        assertRefused(server.postJson("/api/v1/leads/" + lead + "/notes", "{\"rep\":\"jane@example.com\",\"text\":\"\\udc00x\"}"),
                400, "text");

        assertThat(server.get("/api/v1/leads/" + lead + "/timeline").body()).isEqualTo(before);
        assertThat(JSON.readTree(server.get("/api/v1/leads?q=half@surrogate").body()).path("items")).isEmpty();
    }

    @Test
    void aDecomposedEmailIsStoredComposedAndSeenAsTheSameMailbox() throws Exception {
        String composed = Normalizer.normalize("josé@accents.example", Normalizer.Form.NFC);
        String decomposed = Normalizer.normalize(composed, Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo(composed);
        String first = JSON.readTree(server.postJson("/api/v1/leads", "{\"lastName\":\"Garcia\",\"email\":\"" + composed + "\"}").body())
                .path("id").asText();

        HttpResponse<String> second = server.postJson("/api/v1/leads", "{\"lastName\":\"Garcia\",\"email\":\"" + decomposed + "\"}");

        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        JsonNode stored = JSON.readTree(second.body());
        assertThat(stored.path("email").asText()).isEqualTo(composed);
        assertThat(stored.path("possibleDuplicates").findValuesAsText("id")).contains(first);
    }

    @Test
    void aDecomposedNameInAWebFormIsStoredComposed() throws Exception {
        server.send(server.request("/api/v1/forms/contact").PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Contact\"}")).build());
        String decomposed = Normalizer.normalize("Zoë", Normalizer.Form.NFD);

        HttpResponse<String> sent = server.send(HttpRequest.newBuilder(server.uri("/forms/contact"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("lastName=" + java.net.URLEncoder.encode(decomposed, StandardCharsets.UTF_8)
                        + "&email=zoe@form.example")).build());

        assertThat(sent.statusCode()).as(sent.body()).isLessThan(400);
        JsonNode found = JSON.readTree(server.get("/api/v1/leads?q=zoe@form").body()).path("items").path(0);
        assertThat(found.path("lastName").asText()).isEqualTo(Normalizer.normalize("Zoë", Normalizer.Form.NFC));
    }

    @Test
    void anOverlongUtf8FormInAWebFormIsRefused() {
        server.send(server.request("/api/v1/forms/bytes").PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Bytes\"}")).build());

        HttpResponse<String> sent = server.send(HttpRequest.newBuilder(server.uri("/forms/bytes"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("lastName=Over%C0%AFlong&email=over@form-bytes.example")).build());

        assertThat(sent.statusCode()).isEqualTo(400);
        assertThat(server.get("/api/v1/leads?q=over@form-bytes").body()).doesNotContain("over@form-bytes.example");
    }

    @Test
    void aWrongTypeIsNamedInPlainWordsWithoutJavaClassNames() throws Exception {
        String lead = ownedLead("types@words.example");

        HttpResponse<String> wrong = server.postJson("/api/v1/leads/" + lead + "/meetings",
                "{\"rep\":\"jane@example.com\",\"startsAt\":\"2030-01-01T10:00:00Z\",\"durationMinutes\":\"long\"}");
        assertRefused(wrong, 400, "durationMinutes");
        HttpResponse<String> list = server.postJson("/api/v1/leads/" + lead + "/notes", "{\"rep\":[1],\"text\":\"x\"}");
        assertRefused(list, 400, "rep");
        HttpResponse<String> unknown = server.postJson("/api/v1/leads/" + lead + "/notes", "{\"rep\":\"jane@example.com\",\"txt\":\"x\"}");
        assertRefused(unknown, 400, "txt");
        HttpResponse<String> broken = server.postJson("/api/v1/leads/" + lead + "/notes", "{\"rep\":");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertNoInternals(broken.body());
    }

    @Test
    void aPathSegmentThatIsNotUtf8IsRefusedInTheJsonErrorShape() throws Exception {
        String response = raw("GET /api/v1/views/%C0%AF HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TestServer.ADMIN_TOKEN
                + "\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400");
        assertJsonError(response, "bad_request");
    }

    @Test
    void aRuleSetThatIsAListIsRefusedWithoutTheJavaTypeItWasReadInto() throws Exception {
        HttpResponse<String> saved = put("/api/v1/rules/api", "[1, 2]");

        assertRefused(saved, 400, "body");
        assertThat(saved.body()).doesNotContain("`");
    }

    @Test
    void aHugeHeaderGetsA431InTheJsonErrorShape() throws Exception {
        String response = raw("GET /api/v1/leads HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(64 * 1024) + "\r\n"
                + "Connection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 431");
        assertJsonError(response, "request_header_fields_too_large");
    }

    @Test
    void aBadUriAndABadRequestLineGetA400InTheJsonErrorShape() throws Exception {
        String badUri = raw("GET /api/v1/leads/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(badUri).startsWith("HTTP/1.1 400");
        assertJsonError(badUri, "bad_request");

        String badLine = raw("GARBAGE\r\n\r\n");
        assertThat(badLine).startsWith("HTTP/1.1 400");
        assertJsonError(badLine, "bad_request");
    }

    @Test
    void anUnsupportedMethodOnAnExistingPathGets405InJson() throws Exception {
        HttpResponse<String> patched = server.send(server.request("/api/v1/leads")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(patched.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(patched.body()).path("error").asText()).isEqualTo("method_not_allowed");
        assertThat(patched.headers().firstValue("Allow").orElse("")).contains("GET").contains("POST");
    }

    @Test
    void aViewWithMoreThanFiftyFiltersOrAValuePastAThousandCharactersIsRefusedAndNotSaved() throws Exception {
        String filters = IntStream.range(0, 51).mapToObj(i -> "{\"field\":\"company\",\"op\":\"contains\",\"value\":\"c" + i + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
        assertRefused(put("/api/v1/views/too-many", "{\"filters\":" + filters + "}"), 400, "filters");
        assertThat(server.get("/api/v1/views/too-many").statusCode()).isEqualTo(404);

        assertRefused(put("/api/v1/views/too-long", "{\"filters\":[{\"field\":\"company\",\"op\":\"contains\",\"value\":\""
                + "x".repeat(1001) + "\"}]}"), 400, "filters[0]");
        assertThat(server.get("/api/v1/views/too-long").statusCode()).isEqualTo(404);

        assertThat(put("/api/v1/views/just-right", "{\"filters\":[{\"field\":\"company\",\"op\":\"contains\",\"value\":\""
                + "x".repeat(1000) + "\"}]}").statusCode()).isEqualTo(201);
    }

    private static void assertRefused(HttpResponse<String> response, int status, String field) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("error").asText()).as(response.body()).isNotBlank();
        assertThat(error.path("fields").findValuesAsText("field")).as(response.body()).contains(field);
        assertNoInternals(response.body());
    }

    private static void assertNoInternals(String body) {
        assertThat(body).doesNotContainPattern("\\b(java|javax|com|org|dev|io)\\.[a-z]+\\.")
                .doesNotContain("Exception").doesNotContain("/tmp/").doesNotContain("/work/").doesNotContain("\tat ");
    }

    private static void assertJsonError(String response, String code) throws IOException {
        String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
        assertThat(head).contains("content-type: application/json");
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertThat(JSON.readTree(body).path("error").asText()).as(body).isEqualTo(code);
        assertNoInternals(body);
    }

    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", server.uri("/").getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before it has read everything sent
            }
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static HttpResponse<String> put(String path, String json) {
        return server.send(server.request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static JsonNode lead(String id) throws IOException {
        return JSON.readTree(server.get("/api/v1/leads/" + id).body());
    }

    private static String ownedLead(String email) throws IOException {
        String id = JSON.readTree(server.postJson("/api/v1/leads", "{\"lastName\":\"Probe\",\"email\":\"" + email + "\"}").body())
                .path("id").asText();
        server.postJson("/api/v1/leads/" + id + "/assign", "{\"rep\":\"mia@example.com\",\"to\":\"jane@example.com\"}");
        return id;
    }
}
