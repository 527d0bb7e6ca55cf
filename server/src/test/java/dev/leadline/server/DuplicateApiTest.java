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

    private static String create(String json) throws Exception {
        var created = server.postJson("/api/v1/leads", json);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asText();
    }
}
