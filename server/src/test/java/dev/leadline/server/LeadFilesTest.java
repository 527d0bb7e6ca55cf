package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.team.RepSpec;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Files on leads through the real server, kept in its data directory: limits, names, merge and conversion. */
class LeadFilesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("LEADLINE_MAX_FILE_BYTES", "200000"));
        team(server);
    }

    static void team(TestServer server) {
        server.services().team().apply(List.of(
                new RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "REP", Map.of()),
                new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of())), List.of(),
                dev.leadline.core.common.Actor.cli("test"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aFileUploadedComesBackByteForByteWithItsChecksumAndIsOnTheTimeline() throws Exception {
        String lead = newLead(server, "Quote");
        byte[] pdf = TestFiles.pdf(150_000);

        HttpResponse<String> up = upload(server, lead, "mia@example.com", "quote.pdf", "application/octet-stream", pdf);

        assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
        JsonNode file = JSON.readTree(up.body()).path("files").get(0);
        assertThat(file.path("name").asText()).isEqualTo("quote.pdf");
        assertThat(file.path("contentType").asText()).isEqualTo("application/pdf");
        assertThat(file.path("size").asLong()).isEqualTo(pdf.length);
        assertThat(file.path("sha256").asText()).isEqualTo(TestFiles.sha256(pdf));
        HttpResponse<byte[]> down = download(server, file.path("url").asText());
        assertThat(down.statusCode()).isEqualTo(200);
        assertThat(TestFiles.sha256(down.body())).isEqualTo(TestFiles.sha256(pdf));
        assertThat(down.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(down.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment; filename=\"quote.pdf\"");
        assertThat(down.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(server.get("/api/v1/leads/" + lead + "/timeline").body()).contains("Mia Chen attached quote.pdf");
        assertThat(JSON.readTree(server.get("/api/v1/leads/" + lead + "/files").body()).path("files").get(0).path("id").asLong())
                .isEqualTo(file.path("id").asLong());
    }

    @Test
    void theSameFileTwiceOnOneLeadIsStoredOnce() throws Exception {
        String lead = newLead(server, "Twice");
        byte[] content = "Pricing notes\nSeats: 40\n".getBytes(StandardCharsets.UTF_8);
        assertThat(upload(server, lead, "mia@example.com", "notes.txt", "text/plain", content).statusCode()).isEqualTo(201);

        HttpResponse<String> again = upload(server, lead, "mia@example.com", "notes-copy.txt", "text/plain", content);

        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).path("files").get(0).path("status").asText()).isEqualTo("already_attached");
        assertThat(JSON.readTree(server.get("/api/v1/leads/" + lead + "/files").body()).path("files")).hasSize(1);
        try (Stream<Path> stored = Files.walk(Path.of(server.env().get("LEADLINE_DATA_DIR"), "files", "lead", lead.replaceAll("\\D", "")))) {
            assertThat(stored.filter(Files::isRegularFile)).hasSize(1);
        }
    }

    @Test
    void typesAreJudgedByContentNotByName() throws Exception {
        String lead = newLead(server, "Types");
        byte[] program = new byte[4096];
        program[0] = 'M';
        program[1] = 'Z';
        program[0x3c] = (byte) 0x80;
        System.arraycopy("PE\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, program, 0x80, 4);
        byte[] page = TestFiles.html();

        HttpResponse<String> exe = upload(server, lead, "mia@example.com", "quote.pdf", "application/pdf", program);
        HttpResponse<String> html = upload(server, lead, "mia@example.com", "notes.txt", "text/plain", page);

        assertThat(exe.statusCode()).as(exe.body()).isEqualTo(415);
        assertThat(JSON.readTree(exe.body()).path("error").asText()).isEqualTo("unsupported_media_type");
        assertThat(exe.body()).contains("quote.pdf").contains("LEADLINE_FILE_TYPES");
        assertThat(html.statusCode()).as(html.body()).isEqualTo(415);
        assertThat(html.body()).contains("text/html");
        assertThat(JSON.readTree(server.get("/api/v1/leads/" + lead + "/files").body()).path("files")).isEmpty();
    }

    @Test
    void aFileOverTheLimitIsRefusedAndNothingIsKept() throws Exception {
        String lead = newLead(server, "Big");

        HttpResponse<String> big = upload(server, lead, "mia@example.com", "deck.pdf", "application/pdf", TestFiles.pdf(250_000));

        assertThat(big.statusCode()).as(big.body()).isEqualTo(413);
        assertThat(big.body()).contains("LEADLINE_MAX_FILE_BYTES").doesNotContain("Exception").doesNotContain("/tmp");
        assertThat(JSON.readTree(server.get("/api/v1/leads/" + lead + "/files").body()).path("files")).isEmpty();
    }

    @Test
    void namesCannotReachOutsideOrBreakTheDownloadHeader() throws Exception {
        String lead = newLead(server, "Names");
        String hostile = "../../../etc/cron.d/evil\u202Egpj.txt";
        String longName = "x".repeat(300) + ".txt";

        JsonNode first = JSON.readTree(upload(server, lead, "mia@example.com", hostile, "text/plain", "one".getBytes()).body()).path("files").get(0);
        JsonNode second = JSON.readTree(upload(server, lead, "mia@example.com", longName, "text/plain", "two".getBytes()).body()).path("files").get(0);
        HttpResponse<String> control = upload(server, lead, "mia@example.com", "quote\u0007.txt", "text/plain", "bell".getBytes());
        HttpResponse<String> thirdUp = upload(server, lead, "mia@example.com", "Angebot Müller; X-Evil=1.txt", "text/plain",
                "three".getBytes());
        assertThat(control.statusCode()).as(control.body()).isEqualTo(400);
        // Jetty closes a connection whose body it could not read: the answer says so, so that no client sends its next request on it
        assertThat(control.headers().firstValue("Connection")).contains("close");
        assertThat(thirdUp.statusCode()).as(thirdUp.body()).isEqualTo(201);
        JsonNode third = JSON.readTree(thirdUp.body()).path("files").get(0);

        assertThat(first.path("name").asText()).isEqualTo("evilgpj.txt");
        assertThat(second.path("name").asText()).hasSize(200).endsWith(".txt");
        assertThat(third.path("name").asText()).isEqualTo("Angebot Müller; X-Evil=1.txt");
        HttpResponse<byte[]> down = download(server, third.path("url").asText());
        assertThat(down.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"Angebot M_ller; X-Evil=1.txt\"; filename*=UTF-8''Angebot%20M%C3%BCller%3B%20X-Evil%3D1.txt");
        try (Stream<Path> all = Files.walk(Path.of(server.env().get("LEADLINE_DATA_DIR")).getParent())) {
            assertThat(all.map(Path::toString)).noneMatch(p -> p.contains("evil") || p.contains("cron.d"));
        }
    }

    @Test
    void onlyTheOwnerOrAManagerChangesFilesAndARemovedFileIsGone() throws Exception {
        String lead = newLead(server, "Owner");
        HttpResponse<String> stranger = upload(server, lead, "jane@example.com", "a.txt", "text/plain", "jane's".getBytes());
        assertThat(stranger.statusCode()).as(stranger.body()).isEqualTo(403);

        JsonNode file = JSON.readTree(upload(server, lead, "mia@example.com", "b.txt", "text/plain", "mia's".getBytes()).body())
                .path("files").get(0);
        HttpResponse<String> janeRemoves = server.send(server.request(file.path("url").asText() + "?rep=jane@example.com").DELETE().build());
        assertThat(janeRemoves.statusCode()).isEqualTo(403);
        HttpResponse<String> removed = server.send(server.request(file.path("url").asText() + "?rep=mia@example.com").DELETE().build());

        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
        assertThat(download(server, file.path("url").asText()).statusCode()).isEqualTo(404);
        assertThat(server.get("/api/v1/leads/" + lead + "/timeline").body()).contains("Mia Chen removed b.txt");
        assertThat(Path.of(server.env().get("LEADLINE_DATA_DIR"), "files", "lead", lead.replaceAll("\\D", ""), file.path("sha256").asText()))
                .doesNotExist();
    }

    @Test
    void filesFollowAMergeAndComeBackOnUnmerge() throws Exception {
        String survivor = newLead(server, "Survivor");
        String merged = newLead(server, "Merged");
        upload(server, survivor, "mia@example.com", "survivor.txt", "text/plain", "kept".getBytes());
        upload(server, merged, "mia@example.com", "merged.txt", "text/plain", "moved".getBytes());

        HttpResponse<String> merge = server.postJson("/api/v1/leads/" + survivor + "/merge",
                "{\"rep\":\"mia@example.com\",\"leads\":[\"" + merged + "\"]}");
        assertThat(merge.statusCode()).as(merge.body()).isEqualTo(200);
        assertThat(names(server, "/api/v1/leads/" + survivor + "/files")).containsExactlyInAnyOrder("survivor.txt", "merged.txt");
        // the merged lead holds nothing of its own now: a file sent to it (even one it held) is refused, not lost
        HttpResponse<String> toMerged = upload(server, merged, "mia@example.com", "merged.txt", "text/plain", "moved".getBytes());
        assertThat(toMerged.statusCode()).as(toMerged.body()).isEqualTo(409);
        assertThat(toMerged.body()).contains(merged + " was merged into " + survivor);

        assertThat(server.postJson("/api/v1/leads/" + survivor + "/unmerge", "{\"rep\":\"mia@example.com\"}").statusCode()).isEqualTo(200);
        assertThat(names(server, "/api/v1/leads/" + survivor + "/files")).containsExactly("survivor.txt");
        assertThat(names(server, "/api/v1/leads/" + merged + "/files")).containsExactly("merged.txt");
    }

    @Test
    void aConvertedLeadsFilesAreItsAccountsAndContactsUntilUnconverted() throws Exception {
        String lead = newLead(server, "Convertible");
        upload(server, lead, "mia@example.com", "contract.pdf", "application/pdf", TestFiles.pdf(2_000));
        server.postJson("/api/v1/leads/" + lead + "/qualify", "{\"rep\":\"mia@example.com\"}");

        HttpResponse<String> converted = server.postJson("/api/v1/leads/" + lead + "/convert", "{\"rep\":\"mia@example.com\"}");

        assertThat(converted.statusCode()).as(converted.body()).isEqualTo(200);
        long account = JSON.readTree(converted.body()).path("account").path("id").asLong();
        long contact = JSON.readTree(converted.body()).path("contact").path("id").asLong();
        assertThat(names(server, "/api/v1/accounts/" + account + "/files")).containsExactly("contract.pdf");
        assertThat(names(server, "/api/v1/contacts/" + contact + "/files")).containsExactly("contract.pdf");
        server.postJson("/api/v1/leads/" + lead + "/unconvert", "{\"rep\":\"mia@example.com\"}");
        // the account was made by the conversion, and went with it
        assertThat(server.get("/api/v1/accounts/" + account + "/files").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/v1/accounts/987654321/files").statusCode()).isEqualTo(404);
        assertThat(server.get("/api/v1/contacts/987654321/files").statusCode()).isEqualTo(404);
        assertThat(names(server, "/api/v1/leads/" + lead + "/files")).containsExactly("contract.pdf");
    }

    @Test
    void oneFileRefusedInARequestAttachesNoneAndTheSameFileTwiceIsKeptOnce() throws Exception {
        String lead = newLead(server, "Several");
        HttpResponse<String> mixed = server.send(new Multipart().field("rep", "mia@example.com")
                .file("a", "first.txt", "text/plain", "first".getBytes())
                .file("b", "invoice.hta", "text/plain", "Invoice <script>run()</script>".getBytes())
                .post(server.request("/api/v1/leads/" + lead + "/files")).build());
        assertThat(mixed.statusCode()).as(mixed.body()).isEqualTo(415);
        assertThat(mixed.body()).contains("invoice.hta").contains(".hta");
        assertThat(names(server, "/api/v1/leads/" + lead + "/files")).isEmpty();

        HttpResponse<String> twice = server.send(new Multipart().field("rep", "mia@example.com")
                .file("a", "quote.pdf", "application/pdf", TestFiles.pdf(3_000))
                .file("b", "quote.pdf", "application/pdf", TestFiles.pdf(3_000))
                .post(server.request("/api/v1/leads/" + lead + "/files")).build());

        assertThat(twice.statusCode()).as(twice.body()).isEqualTo(201);
        assertThat(JSON.readTree(twice.body()).path("files").findValuesAsText("status")).containsExactly("attached", "already_attached");
        assertThat(names(server, "/api/v1/leads/" + lead + "/files")).containsExactly("quote.pdf");
        assertThat(JSON.readTree(server.get("/api/v1/leads/" + lead + "/files").body()).path("files").get(0).has("status")).isFalse();
    }

    @Test
    void headSaysWhatADownloadWouldBeWithoutTheContent() throws Exception {
        String lead = newLead(server, "Head");
        JsonNode file = JSON.readTree(upload(server, lead, "mia@example.com", "deck.pdf", "application/pdf", TestFiles.pdf(4_000)).body())
                .path("files").get(0);

        HttpResponse<String> head = server.send(server.request(file.path("url").asText()).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        HttpResponse<String> missing = server.send(server.request("/api/v1/files/987654").method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(head.headers().firstValue("Content-Length")).hasValue("4000");
        assertThat(head.headers().firstValue("ETag")).hasValue("\"" + file.path("sha256").asText() + "\"");
        assertThat(head.body()).isEmpty();
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void aRequestThatIsNotMultipartOrHasNoFileIsToldHowToSendOne() throws Exception {
        String lead = newLead(server, "Bad");
        HttpResponse<String> json = server.postJson("/api/v1/leads/" + lead + "/files", "{\"file\":\"quote.pdf\"}");
        HttpResponse<String> empty = server.send(new Multipart().field("rep", "mia@example.com")
                .post(server.request("/api/v1/leads/" + lead + "/files")).build());
        HttpResponse<String> noLead = upload(server, "L-999999", "mia@example.com", "a.txt", "text/plain", "x".getBytes());

        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(empty.statusCode()).as(empty.body()).isEqualTo(400);
        assertThat(noLead.statusCode()).isEqualTo(404);
    }

    static String newLead(TestServer server, String name) throws Exception {
        HttpResponse<String> created = server.postJson("/api/v1/leads", "{\"lastName\":\"" + name + "\",\"company\":\"" + name + " Ltd\","
                + "\"email\":\"" + name.toLowerCase() + System.nanoTime() + "@files.example\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asText();
    }

    static HttpResponse<String> upload(TestServer server, String lead, String rep, String name, String type, byte[] content) {
        return server.send(new Multipart().field("rep", rep).file("file", name, type, content)
                .post(server.request("/api/v1/leads/" + lead + "/files")).build());
    }

    static HttpResponse<byte[]> download(TestServer server, String url) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(server.request(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static List<String> names(TestServer server, String path) throws Exception {
        HttpResponse<String> list = server.get(path);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        return JSON.readTree(list.body()).path("files").findValuesAsText("name");
    }
}
