package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.Actor;
import dev.leadline.core.access.TokenRole;
import dev.leadline.core.access.TokenService;
import dev.leadline.server.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * My work's search and custom views over plain HTTP: the search finds what {@code GET /api/v1/leads?q=} finds for the
 * same rep, page by page; custom views are listed with their counts, saved and deleted through the same service as
 * {@code /api/v1/views}, with the same checks.
 */
class ConsoleWorkViewsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ROW = Pattern.compile("data-lead=\"([^\"]+)\"");
    private static final Pattern NEXT = Pattern.compile("<a href=\"([^\"]+)\" rel=\"next\">");
    private static TestServer server;
    private static ConsoleFixture console;
    private static ConsoleFixture.Session jane;
    private static String janesToken;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        console = new ConsoleFixture(server);
        jane = console.signIn("jane@example.com");
        janesToken = server.services().tokens().issue(new TokenService.Request("jane-laptop", TokenRole.REP, "jane@example.com", false,
                Optional.empty()), Actor.cli("test")).secret();
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> created = server.postJson("/api/v1/leads", "{\"lastName\":\"Okafor" + i + "\",\"company\":\"Zephyrine "
                    + i + "\"}");
            assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
        }
        server.postJson("/api/v1/leads", "{\"lastName\":\"Grenzephyr\",\"company\":\"Elsewhere\"}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void searchFindsWhatTheApiFindsForTheSameRepPageByPage() throws Exception {
        HttpResponse<String> first = console.get("/console?q=zephyrine", jane.cookie());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("<label for=\"search-q\">Search leads</label>").contains("value=\"zephyrine\"")
                .contains("beginning with");
        JsonNode api = api("/api/v1/leads?q=zephyrine");
        assertThat(rows(first.body())).hasSize(25).isEqualTo(ids(api));

        Matcher next = NEXT.matcher(first.body());
        assertThat(next.find()).as(first.body()).isTrue();
        HttpResponse<String> second = console.get(next.group(1).replace("&amp;", "&"), jane.cookie());
        assertThat(rows(second.body())).hasSize(5)
                .isEqualTo(ids(api("/api/v1/leads?q=zephyrine&cursor=" + encode(api.path("nextCursor").asText()))));
        assertThat(second.body()).doesNotContain("rel=\"next\"");

        HttpResponse<String> partial = console.get("/console/list?view=all&q=zephyrine", jane.cookie());
        assertThat(rows(partial.body())).isEqualTo(rows(first.body()));
    }

    @Test
    void hostileSearchesAnswerWithAMessageNeverAServerError() {
        for (String hostile : List.of("x".repeat(3000), "\u0001\u0007\u001b[2J", "' OR 1=1; DROP TABLE sales_lead; --", "%", "_", "%_%",
                "\\", "zephyr%", "<script>alert(1)</script>")) {
            HttpResponse<String> page = console.get("/console?q=" + encode(hostile), jane.cookie());
            assertThat(page.statusCode()).as(hostile).isEqualTo(200);
            assertThat(rows(page.body())).as(hostile).isEmpty();
            assertThat(page.body()).as(hostile).contains("No leads here.").doesNotContain("<script>alert");
        }
        HttpResponse<String> nul = console.get("/console?q=" + encode("zeph\u0000yr"), jane.cookie());
        assertThat(nul.statusCode()).isEqualTo(200);
        assertThat(nul.body()).contains("role=\"alert\">This search was not run: the text contains a NUL character");
        HttpResponse<String> partial = console.get("/console/list?view=all&q=" + encode("\u0000"), jane.cookie());
        assertThat(partial.statusCode()).isEqualTo(400);
    }

    @Test
    void aRepSavesASearchAsAViewSeesItCountedAndPagedAndDeletesIt() throws Exception {
        HttpResponse<String> saved = console.post("/console/views", jane.cookie(), Map.of("_csrf", jane.csrf(), "q", "zephyrine",
                "name", "zephyr-leads", "field", "company", "op", "starts-with", "value", "Zephyrine"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location")).hasValue("/console?view=zephyr-leads");

        String page = console.get("/console", jane.cookie()).body();
        assertThat(page).contains("data-view=\"zephyr-leads\"").contains("hx-get=\"/console/views/zephyr-leads/count\"")
                .contains("action=\"/console/views/zephyr-leads/delete\"");
        String count = console.get("/console/views/zephyr-leads/count", jane.cookie()).body();
        assertThat(count).isEqualTo("30").isEqualTo(api("/api/v1/views/counts").path("zephyr-leads").asText());

        HttpResponse<String> opened = console.get("/console?view=zephyr-leads", jane.cookie());
        assertThat(opened.body()).contains("<h2 id=\"list-title\">zephyr-leads</h2>").contains("aria-current=\"page\">zephyr-leads");
        assertThat(rows(opened.body())).hasSize(25).isEqualTo(ids(api("/api/v1/leads?view=zephyr-leads")));
        Matcher next = NEXT.matcher(opened.body());
        assertThat(next.find()).isTrue();
        assertThat(rows(console.get(next.group(1).replace("&amp;", "&"), jane.cookie()).body())).hasSize(5);

        HttpResponse<String> deleted = console.post("/console/views/zephyr-leads/delete", jane.cookie(), Map.of("_csrf", jane.csrf()));
        assertThat(deleted.statusCode()).isEqualTo(303);
        assertThat(server.get("/api/v1/views/zephyr-leads").statusCode()).isEqualTo(404);
    }

    @Test
    void aBadViewIsRefusedWithEachProblemAndNothingStored() {
        HttpResponse<String> badFilter = console.post("/console/views", jane.cookie(), Map.of("_csrf", jane.csrf(), "q", "zephyrine",
                "name", "by-score", "field", "score", "op", "starts-with", "value", "Zephyrine"));
        assertThat(badFilter.statusCode()).isEqualTo(422);
        assertThat(badFilter.body()).contains("id=\"save-problems\"").contains("filters[0]: ").contains("value=\"by-score\"");
        HttpResponse<String> badName = console.post("/console/views", jane.cookie(), Map.of("_csrf", jane.csrf(), "q", "zephyrine",
                "name", "Bad Name!", "field", "company", "op", "starts-with", "value", "Zephyrine"));
        assertThat(badName.statusCode()).isEqualTo(422);
        assertThat(badName.body()).contains("name: must be 1-60 lower-case letters");
        assertThat(server.get("/api/v1/views/by-score").statusCode()).isEqualTo(404);

        HttpResponse<String> noToken = console.post("/console/views", jane.cookie(), Map.of("name", "sneaky", "field", "company",
                "op", "eq", "value", "x"));
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(server.get("/api/v1/views/sneaky").statusCode()).isEqualTo(404);
    }

    @Test
    void sharedViewsAreListedButOnlyTheRepsOwnCanBeDeleted() {
        assertThat(put("/api/v1/views/shared-zephyr", "{\"filters\":[{\"field\":\"company\",\"op\":\"starts-with\",\"value\":\"Zephyrine 1\"}]}"))
                .isEqualTo(201);
        assertThat(put("/api/v1/views/omars-own", "{\"owner\":\"omar@example.com\",\"filters\":[{\"field\":\"company\",\"op\":\"eq\","
                + "\"value\":\"Zephyrine 2\"}]}")).isEqualTo(201);
        String page = console.get("/console", jane.cookie()).body();
        assertThat(page).contains("data-view=\"shared-zephyr\"").doesNotContain("/console/views/shared-zephyr/delete")
                .doesNotContain("omars-own");
        assertThat(console.get("/console/views/shared-zephyr/count", jane.cookie()).body()).isEqualTo("11");

        HttpResponse<String> shared = console.post("/console/views/shared-zephyr/delete", jane.cookie(), Map.of("_csrf", jane.csrf()));
        assertThat(shared.statusCode()).isEqualTo(403);
        HttpResponse<String> omars = console.post("/console/views/omars-own/delete", jane.cookie(), Map.of("_csrf", jane.csrf()));
        assertThat(omars.statusCode()).isEqualTo(404);
        assertThat(console.get("/console/views/omars-own/count", jane.cookie()).statusCode()).isEqualTo(404);
        HttpResponse<String> taken = console.post("/console/views", jane.cookie(), Map.of("_csrf", jane.csrf(), "q", "z",
                "name", "omars-own", "field", "company", "op", "eq", "value", "mine now"));
        assertThat(taken.statusCode()).isEqualTo(422);
        assertThat(server.get("/api/v1/views/shared-zephyr").statusCode()).isEqualTo(200);
        assertThat(server.get("/api/v1/views/omars-own").body()).contains("Zephyrine 2");
    }

    private static int put(String path, String json) {
        return server.send(server.request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json))
                .build()).statusCode();
    }

    private static JsonNode api(String path) throws Exception {
        HttpResponse<String> answer = server.send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + janesToken)
                .GET().build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static List<String> rows(String html) {
        List<String> ids = new ArrayList<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            ids.add(row.group(1));
        }
        return ids;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
