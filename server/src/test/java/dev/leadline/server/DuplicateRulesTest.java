package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.team.RepSpec;
import dev.leadline.db.Database;
import dev.leadline.db.jooq.Tables;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Duplicate rules from leadline.yml at each checkpoint: the API, imports and conversion, against leads and contacts. */
class DuplicateRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDefaultsSkipAnImportRowOfAStoredLeadFlagLookAlikesAndJoinAnExistingContactAtConversion() throws Exception {
        try (TestServer server = TestServer.start()) {
            reps(server);
            String ada = id(server.postJson("/api/v1/leads", "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"ada@engines.example\","
                    + "\"company\":\"Analytical Engines\",\"phone\":\"+44 20 7946 0000\"}"));

            JsonNode report = importCsv(server, "First Name,Last Name,Email,Company,Phone\n"
                    + "Ada,Lovelace,ADA@engines.example,Analytical Engines,+44 20 7946 0000\n"      // the same lead: skipped
                    + "Augusta,Lovelace,augusta@byron.example,Analytical Engines Ltd,020 7946 0000\n" // a look-alike: stored, flagged
                    + "Charles,Babbage,charles@engines.example,Analytical Engines,+44 20 7946 1111\n"); // a colleague: stored
            assertThat(report.path("rows").asLong()).isEqualTo(3);
            assertThat(report.path("duplicates").asLong()).isEqualTo(1);
            assertThat(report.path("imported").asLong()).isEqualTo(2);
            assertThat(report.path("flagged").asLong()).isEqualTo(1);
            String augusta = JSON.readTree(server.get("/api/v1/leads?q=augusta&limit=1").body()).path("items").get(0).path("id").asText();
            assertThat(server.get("/api/v1/leads/" + augusta + "/timeline").body()).contains("Imported by").contains("looks like " + ada + " (");

            // converting Ada makes her a contact; a second Ada converted later joins that contact instead of making another
            assertThat(post(server, ada, "assign", "{\"rep\":\"mia@example.com\",\"to\":\"jane@example.com\"}").statusCode()).isEqualTo(200);
            JsonNode first = JSON.readTree(post(server, ada, "convert", "{\"rep\":\"jane@example.com\"}").body());
            long contact = first.path("contact").path("id").asLong();
            String again = id(server.postJson("/api/v1/leads", "{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"ada@engines.example\"}"));
            assertThat(post(server, again, "assign", "{\"rep\":\"mia@example.com\",\"to\":\"jane@example.com\"}").statusCode()).isEqualTo(200);
            HttpResponse<String> second = post(server, again, "convert", "{\"rep\":\"jane@example.com\"}");
            assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
            assertThat(JSON.readTree(second.body()).path("contact").path("id").asLong()).isEqualTo(contact);
            assertThat(server.get("/api/v1/leads/" + again + "/timeline").body()).contains("joined existing contact " + contact);

            HttpResponse<String> undone = post(server, again, "unconvert", "{\"rep\":\"jane@example.com\"}");
            assertThat(undone.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(undone.body()).path("removed").toString()).doesNotContain("contact " + contact);
            try (Database db = Database.connect(server.env().get("LEADLINE_DB_URL"), "root", server.env().get("LEADLINE_DB_PASSWORD"), 1)) {
                assertThat(db.dsl().fetchCount(Tables.CONTACT, Tables.CONTACT.ID.eq(contact))).as("the existing contact stays").isEqualTo(1);
            }
        }
    }

    @Test
    void configuredRulesAlertTheOwnerBlockAKnownContactAndMergeImportRowsIntoTheLeadTheyDuplicate(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("leadline.yml"), """
                duplicates:
                  rules:
                    - {name: known-contact, against: contacts, at: [api], action: block}
                    - {name: tell-the-owner, against: leads, at: [api], action: alert}
                    - {name: fold-in, against: leads, at: [import], action: merge, threshold: 0.6}
                """);
        try (TestServer server = TestServer.start(Map.of("LEADLINE_CONFIG", config.toString()))) {
            reps(server);
            String grace = id(server.postJson("/api/v1/leads", "{\"firstName\":\"Grace\",\"lastName\":\"Hopper\",\"email\":\"grace@navy.example\","
                    + "\"company\":\"Navy Labs\",\"phone\":\"+1 202 555 0101\"}"));
            assertThat(post(server, grace, "assign", "{\"rep\":\"mia@example.com\",\"to\":\"jane@example.com\"}").statusCode()).isEqualTo(200);

            // alert: stored, flagged, and Jane (Grace's owner) gets the new lead's card
            HttpResponse<String> lookalike = server.postJson("/api/v1/leads", "{\"firstName\":\"Grace\",\"lastName\":\"Hoper\","
                    + "\"company\":\"Navy Labs Inc\",\"phone\":\"202-555-0101\"}");
            assertThat(lookalike.statusCode()).isEqualTo(201);
            String newId = id(lookalike);
            long jane = server.services().team().repByEmail("jane@example.com").orElseThrow().id();
            try (Database db = Database.connect(server.env().get("LEADLINE_DB_URL"), "root", server.env().get("LEADLINE_DB_PASSWORD"), 1)) {
                var outbox = Tables.OUTBOX;
                assertThat(db.dsl().fetch(outbox, outbox.LEAD_ID.eq(LeadId.parse(newId).value()).and(outbox.DESTINATION_TYPE.eq("REP"))
                        .and(outbox.DESTINATION_ID.eq(jane))).getValues(outbox.CARD)).anyMatch(card -> card.contains("Possible duplicate of " + grace));
            }

            // block against contacts: once Grace is a contact, a new lead for her is refused, naming the contact
            long contact = JSON.readTree(post(server, grace, "convert", "{\"rep\":\"jane@example.com\"}").body()).path("contact").path("id").asLong();
            HttpResponse<String> blocked = server.postJson("/api/v1/leads", "{\"firstName\":\"Grace\",\"lastName\":\"Hopper\",\"email\":\"GRACE@navy.example\"}");
            assertThat(blocked.statusCode()).isEqualTo(409);
            assertThat(JSON.readTree(blocked.body()).path("contact").path("id").asLong()).isEqualTo(contact);
            assertThat(blocked.body()).contains("contact " + contact);

            // merge at import: rows that duplicate stored leads are folded into them, each into its own, and the report says so
            String alan = id(server.postJson("/api/v1/leads", "{\"firstName\":\"Alan\",\"lastName\":\"Turing\",\"company\":\"Bletchley\","
                    + "\"phone\":\"+44 1908 640404\"}"));
            String edsger = id(server.postJson("/api/v1/leads", "{\"firstName\":\"Edsger\",\"lastName\":\"Dijkstra\",\"company\":\"Mathematisch Centrum\","
                    + "\"phone\":\"+31 20 592 9333\"}"));
            JsonNode report = importCsv(server, "First Name,Last Name,Company,Phone,Title\nAlan,Turing,Bletchley Park,01908 640404,Cryptanalyst\n"
                    + "Edsger,Dijkstra,Mathematisch Centrum Amsterdam,020 592 9333,Programmer\n");
            assertThat(report.path("merged").asLong()).isEqualTo(2);
            assertThat(report.path("imported").asLong()).isZero();
            assertThat(report.path("duplicateRows").toString()).contains("{\"line\":2,\"action\":\"merge\",\"lead\":\"" + alan + "\"")
                    .contains("{\"line\":3,\"action\":\"merge\",\"lead\":\"" + edsger + "\"");
            assertThat(JSON.readTree(server.get("/api/v1/leads/" + alan).body()).path("title").asText()).isEqualTo("Cryptanalyst");
            assertThat(JSON.readTree(server.get("/api/v1/leads/" + edsger).body()).path("title").asText()).isEqualTo("Programmer");
            assertThat(server.get("/api/v1/leads/" + alan + "/timeline").body()).contains("Imported by");
            assertThat(server.get("/api/v1/leads/" + edsger + "/timeline").body()).contains("Imported by").contains("into this lead");
            HttpResponse<String> undone = post(server, edsger, "unmerge", "{\"rep\":\"mia@example.com\"}");
            assertThat(undone.statusCode()).as(undone.body()).isEqualTo(200);
            assertThat(JSON.readTree(server.get("/api/v1/leads/" + edsger).body()).path("title").isMissingNode()).isTrue();
        }
    }

    @Test
    void rowsMergedAtImportLandOnTheirSurvivorWhichAnUnmergeGivesBackOneMergeAtATime(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("leadline.yml"), """
                duplicates:
                  rules:
                    - {name: fold-in, against: leads, at: [import], action: merge, threshold: 0.6}
                """);
        try (TestServer server = TestServer.start(Map.of("LEADLINE_CONFIG", config.toString()))) {
            reps(server);
            var accounts = server.send(server.request("/api/v1/accounts/import").header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString("name,domain\nBabbage Engines,babbage-engines.example\n")).build());
            assertThat(accounts.statusCode()).as(accounts.body()).isEqualTo(200);
            String charles = id(server.postJson("/api/v1/leads", "{\"firstName\":\"Charles\",\"lastName\":\"Babbage\","
                    + "\"email\":\"charles.babbage@gmail.com\",\"phone\":\"+44 20 7946 1111\"}"));

            // both Charles rows look like him, and like each other: the second is judged (and merged) after the first
            JsonNode report = importCsv(server, "First Name,Last Name,Company,Phone,Title\n"
                    + "Charles,Babbage,Babbage Engines Ltd,020 7946 1111,\n"
                    + "Charles,Babbage,,020 7946 1111,Mathematician\n"
                    + "Ada,Lovelace,,+44 20 7946 0000,\n");

            assertThat(report.path("merged").asLong()).isEqualTo(2);
            assertThat(report.path("imported").asLong()).isEqualTo(1);
            assertThat(report.path("duplicateRows").findValuesAsText("lead")).containsExactly(charles, charles);
            assertThat(report.path("duplicateRows").findValuesAsText("line")).containsExactly("2", "3");
            JsonNode survivor = JSON.readTree(server.get("/api/v1/leads/" + charles).body());
            assertThat(survivor.path("company").asText()).isEqualTo("Babbage Engines Ltd");
            assertThat(survivor.path("title").asText()).isEqualTo("Mathematician");
            assertThat(survivor.path("account").path("name").asText()).as("matched again with the company it took").isEqualTo("Babbage Engines");
            String timeline = server.get("/api/v1/leads/" + charles + "/timeline").body();
            assertThat(timeline.split("Imported by", -1)).as("both rows' entries, on the survivor").hasSize(3);
            assertThat(timeline.split("into this lead", -1)).hasSize(3);
            JsonNode tombs = JSON.readTree(server.get("/api/v1/leads?status=MERGED&limit=10").body()).path("items");
            assertThat(tombs).hasSize(2);
            for (JsonNode tomb : tombs) {
                assertThat(JSON.readTree(server.get("/api/v1/leads/" + tomb.path("id").asText()).body()).path("id").asText()).isEqualTo(charles);
            }

            HttpResponse<String> undone = post(server, charles, "unmerge", "{\"rep\":\"mia@example.com\"}");

            assertThat(undone.statusCode()).as(undone.body()).isEqualTo(200);
            JsonNode restored = JSON.readTree(undone.body()).path("restored").get(0);
            String back = restored.path("id").asText();
            assertThat(restored.path("status").asText()).isEqualTo("NEW");
            assertThat(restored.path("title").asText()).isEqualTo("Mathematician");
            JsonNode after = JSON.readTree(server.get("/api/v1/leads/" + charles).body());
            assertThat(after.path("title").isMissingNode() || after.path("title").isNull()).as("the newest merge's value gone").isTrue();
            assertThat(after.path("company").asText()).as("the first merge stays").isEqualTo("Babbage Engines Ltd");
            assertThat(JSON.readTree(server.get("/api/v1/leads/" + back).body()).path("id").asText()).isEqualTo(back);
            assertThat(server.get("/api/v1/leads/" + back + "/timeline").body()).contains("Imported by").contains("undone by");
            assertThat(server.get("/api/v1/leads/" + charles + "/timeline").body().split("Imported by", -1)).hasSize(2);
            assertThat(JSON.readTree(server.get("/api/v1/leads/" + back + "/duplicates").body()).toString()).as("findable again")
                    .contains(charles);
        }
    }

    @Test
    void aBadRuleIsRefusedWithAMessageNamingIt() {
        var file = dev.leadline.server.config.ConfigFile.parse("duplicates:\n  rules:\n    - {against: leads, at: [conversion], action: flag}\n");
        var thrown = org.assertj.core.api.Assertions.catchThrowable(file::settings);
        assertThat(thrown).hasMessageContaining("duplicates.rules[0].at").hasMessageContaining("against: contacts");
    }

    @Test
    void anIdentifierThatIsNoLeadFieldIsRefusedWithAMessageNamingIt() {
        var file = dev.leadline.server.config.ConfigFile.parse("duplicates:\n  identifiers: [custom.nationalId, nationalId]\n");
        var thrown = org.assertj.core.api.Assertions.catchThrowable(file::settings);
        assertThat(thrown).hasMessageContaining("duplicates.identifiers[1]").hasMessageContaining("or custom.<name>, got 'nationalId'");
        assertThat(dev.leadline.server.config.ConfigFile.parse("duplicates:\n  identifiers: [custom.nationalId]\n").settings().duplicates()
                .identifiers().fields()).containsExactly("custom.nationalId");
    }

    private static void reps(TestServer server) {
        server.services().team().apply(List.of(
                new RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "REP", Map.of()),
                new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of())), List.of(), Actor.cli("test"));
    }

    private static JsonNode importCsv(TestServer server, String csv) throws Exception {
        HttpResponse<String> response = server.send(server.request("/api/v1/leads/import").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String id(HttpResponse<String> created) throws Exception {
        assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
        return JSON.readTree(created.body()).path("id").asText();
    }

    private static HttpResponse<String> post(TestServer server, String lead, String action, String body) {
        return server.postJson("/api/v1/leads/" + lead + "/" + action, body);
    }
}
