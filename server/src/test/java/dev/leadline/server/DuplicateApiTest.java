package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Duplicate candidates through the real server: keys written with each lead, searched in MariaDB. */
class DuplicateApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.services().team().apply(java.util.List.of(new dev.leadline.core.team.RepSpec("mia@example.com", "Mia Chen", null, null, null, true,
                "MANAGER", java.util.Map.of())), java.util.List.of(), dev.leadline.core.common.Actor.cli("test"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aLeadsLikelyDuplicatesAreListedWithScoreAndMatchedFieldsButNotItsColleague() throws Exception {
        String bob = create("{\"firstName\":\"Bob\",\"lastName\":\"Smith\",\"company\":\"Acme, Inc.\",\"phone\":\"+1 650 253 0000\"}");
        String colleague = create("{\"firstName\":\"Mary\",\"lastName\":\"Jones\",\"company\":\"Acme, Inc.\",\"phone\":\"+1 650 253 0001\"}");
        String gmail = create("{\"lastName\":\"Lovelace\",\"email\":\"ada.lovelace@gmail.com\"}");
        String robert = create("{\"firstName\":\"Robert\",\"lastName\":\"Smyth\",\"company\":\"ACME Incorporated\",\"phone\":\"650-253-0000\"}");
        String ada = create("{\"firstName\":\"Ada\",\"lastName\":\"L.\",\"email\":\"AdaLovelace+news@googlemail.com\"}");

        JsonNode ofRobert = JSON.readTree(server.get("/api/v1/leads/" + robert + "/duplicates").body()).path("items");
        assertThat(ofRobert).hasSize(1);
        assertThat(ofRobert.get(0).path("lead").path("id").asText()).isEqualTo(bob);
        assertThat(ofRobert.get(0).path("matched").toString()).contains("firstName").contains("phone").contains("company");
        assertThat(ofRobert.toString()).doesNotContain(colleague);

        JsonNode ofAda = JSON.readTree(server.get("/api/v1/leads/" + ada + "/duplicates").body()).path("items");
        assertThat(ofAda.get(0).path("lead").path("id").asText()).isEqualTo(gmail);
        assertThat(ofAda.get(0).path("score").asDouble()).isEqualTo(1.0);
        assertThat(server.get("/api/v1/leads/L-999999/duplicates").statusCode()).isEqualTo(404);
    }

    @Test
    void byDefaultANewLeadThatLooksLikeAStoredOneIsStoredAndFlaggedInTheAnswerAndTimeline() throws Exception {
        String first = create("{\"firstName\":\"Grace\",\"lastName\":\"Hopper\",\"company\":\"Navy Labs\",\"phone\":\"+1 202 555 0101\"}");

        var second = server.postJson("/api/v1/leads", "{\"firstName\":\"Grace\",\"lastName\":\"Hoper\",\"company\":\"Navy Labs Inc\","
                + "\"phone\":\"202-555-0101\"}");

        assertThat(second.statusCode()).isEqualTo(201);
        JsonNode body = JSON.readTree(second.body());
        assertThat(body.path("possibleDuplicates").get(0).path("id").asText()).isEqualTo(first);
        String timeline = server.get("/api/v1/leads/" + body.path("id").asText() + "/timeline").body();
        assertThat(timeline).contains("looks like " + first);
    }

    @Test
    void withTheBlockRuleADuplicateIsRefusedWith409NamingTheExistingLeadAndNothingIsStored(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path config = java.nio.file.Files.writeString(dir.resolve("leadline.yml"), "duplicates:\n  onCreate: block\n");
        try (TestServer strict = TestServer.start(java.util.Map.of("LEADLINE_CONFIG", config.toString()))) {
            var first = strict.postJson("/api/v1/leads", "{\"firstName\":\"Alan\",\"lastName\":\"Turing\",\"email\":\"alan@bletchley.example\"}");
            long before = strict.services().leads().count(dev.leadline.core.lead.LeadQuery.at(java.time.Instant.now(), java.time.ZoneOffset.UTC));

            var again = strict.postJson("/api/v1/leads", "{\"firstName\":\"A.\",\"lastName\":\"Turing\",\"email\":\"Alan@Bletchley.example\"}");

            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(again.body()).path("existing").path("id").asText()).isEqualTo(JSON.readTree(first.body()).path("id").asText());
            assertThat(again.body()).contains("\"error\":\"duplicate\"").contains("email");
            assertThat(strict.services().leads().count(dev.leadline.core.lead.LeadQuery.at(java.time.Instant.now(), java.time.ZoneOffset.UTC)))
                    .isEqualTo(before);
        }
    }

    @Test
    void theSameNewPersonSentEightTimesAtOnceIsStoredOnceWhenTheRuleBlocks(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path config = java.nio.file.Files.writeString(dir.resolve("leadline.yml"), "duplicates:\n  onCreate: block\n");
        try (TestServer strict = TestServer.start(java.util.Map.of("LEADLINE_CONFIG", config.toString()))) {
            var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            var start = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return strict.postJson("/api/v1/leads", "{\"firstName\":\"Barbara\",\"lastName\":\"Liskov\",\"email\":\"barbara@mit.example\"}")
                            .statusCode();
                }));
            }
            start.countDown();
            java.util.List<Integer> codes = new java.util.ArrayList<>();
            for (var answer : answers) {
                codes.add(answer.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            pool.shutdown();

            assertThat(codes).containsOnly(201, 409);
            assertThat(codes.stream().filter(c -> c == 201)).hasSize(1);
            assertThat(JSON.readTree(strict.get("/api/v1/leads?q=barbara@mit&limit=20").body()).path("items")).hasSize(1);
        }
    }

    @Test
    void anImportedLookAlikeNamesItOnItsTimelineAndStaysInTheFlaggedViewUntilTheTwoAreMerged() throws Exception {
        String katherine = create("{\"firstName\":\"Katherine\",\"lastName\":\"Johnson\",\"company\":\"Langley Research\","
                + "\"phone\":\"+1 757 864 1000\"}");
        var imported = server.send(server.request("/api/v1/leads/import").header("Content-Type", "text/csv").POST(
                java.net.http.HttpRequest.BodyPublishers.ofString("First Name,Last Name,Company,Phone\nKate,Johnson,Langley Research Center,757-864-1000\n"))
                .build());
        assertThat(JSON.readTree(imported.body()).path("flagged").asLong()).as(imported.body()).isEqualTo(1);
        String kate = JSON.readTree(server.get("/api/v1/leads?q=Kate&limit=1").body()).path("items").get(0).path("id").asText();

        assertThat(server.get("/api/v1/leads/" + kate + "/timeline").body()).contains("looks like " + katherine + " (");
        assertThat(ids("view=flagged")).contains(kate).doesNotContain(katherine);
        assertThat(ids("view=new&flagged=true")).contains(kate).doesNotContain(katherine);
        assertThat(ids("view=new&flagged=false")).contains(katherine).doesNotContain(kate);
        assertThat(server.get("/api/v1/leads?flagged=yes").statusCode()).isEqualTo(400);

        var merged = server.postJson("/api/v1/leads/" + katherine + "/merge", "{\"rep\":\"mia@example.com\",\"leads\":[\"" + kate + "\"]}");
        assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);
        assertThat(ids("view=flagged&status=MERGED")).as("merging the pair settles the flag").doesNotContain(kate);
        assertThat(server.postJson("/api/v1/leads/" + katherine + "/unmerge", "{\"rep\":\"mia@example.com\"}").statusCode()).isEqualTo(200);
        assertThat(ids("view=flagged")).as("undoing the merge opens it again").contains(kate);
    }

    private static java.util.List<String> ids(String query) throws Exception {
        var answer = server.get("/api/v1/leads?limit=200&" + query);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        java.util.List<String> ids = new java.util.ArrayList<>();
        JSON.readTree(answer.body()).path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static String create(String json) throws Exception {
        var created = server.postJson("/api/v1/leads", json);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asText();
    }
}
