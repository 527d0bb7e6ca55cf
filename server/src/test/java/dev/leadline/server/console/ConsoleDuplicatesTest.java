package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadId;
import dev.leadline.server.TestServer;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Duplicates review and the merge screen over plain HTTP: dismiss, merge with field choices, undo, CSRF and permissions. */
class ConsoleDuplicatesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static ConsoleFixture console;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        console = new ConsoleFixture(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aDismissedPairLeavesTheReviewAndASecondCopyOfTheLookAlikeIsNotFlaggedAgainstItsPartner() throws Exception {
        Pair pair = pair("Hopper", "0101", "jane@example.com");
        ConsoleFixture.Session jane = console.signIn("jane@example.com");
        assertThat(console.get("/console/duplicates", jane.cookie()).body()).contains(pair.flagged() + " looks like " + pair.like());

        HttpResponse<String> dismissed = console.post("/console/duplicates/dismiss", jane.cookie(),
                Map.of("_csrf", jane.csrf(), "lead", pair.flagged(), "other", pair.like()));

        assertThat(dismissed.statusCode()).as(dismissed.body()).isEqualTo(303);
        String review = console.get("/console/duplicates?done=dismissed", jane.cookie()).body();
        assertThat(review).contains("Dismissed").doesNotContain(pair.flagged() + " looks like " + pair.like());
        assertThat(server.get("/api/v1/leads/" + pair.flagged() + "/timeline").body()).contains("Not a duplicate of " + pair.like());
        assertThat(server.get("/api/v1/leads/" + pair.like() + "/timeline").body()).contains("Not a duplicate of " + pair.flagged());
        assertThat(ids("view=flagged")).doesNotContain(pair.flagged());

        HttpResponse<String> again = server.postJson("/api/v1/leads", pair.flaggedJson());
        JsonNode lookalikes = JSON.readTree(again.body()).path("possibleDuplicates");
        assertThat(lookalikes.toString()).as("the same look-alike again is not flagged against the dismissed partner")
                .doesNotContain(pair.like());
        assertThat(lookalikes.path(0).path("id").asText()).as("it is still a copy of its own twin").isEqualTo(pair.flagged());
        HttpResponse<String> twice = server.postJson("/api/v1/leads/" + pair.like() + "/duplicates/" + pair.flagged() + "/dismiss",
                "{\"rep\":\"jane@example.com\"}");
        assertThat(twice.statusCode()).as(twice.body()).isEqualTo(409);
    }

    @Test
    void theApiDismissesAPairForARepWhoMayWorkBothAndRefusesOthers() throws Exception {
        Pair pair = pair("Liskov", "0202", "jane@example.com");
        HttpResponse<String> mia = server.postJson("/api/v1/leads/" + pair.flagged() + "/duplicates/" + pair.like() + "/dismiss",
                "{\"rep\":\"mia@example.com\"}");
        assertThat(mia.statusCode()).as(mia.body()).isEqualTo(403);

        HttpResponse<String> jane = server.postJson("/api/v1/leads/" + pair.flagged() + "/duplicates/" + pair.like() + "/dismiss",
                "{\"rep\":\"jane@example.com\"}");

        assertThat(jane.statusCode()).as(jane.body()).isEqualTo(200);
        assertThat(JSON.readTree(jane.body()).path("dismissed").asBoolean()).isTrue();
        assertThat(ids("view=flagged")).doesNotContain(pair.flagged());
    }

    @Test
    void aLeadIsNotMergedWithItselfAndNothingIsOffered() throws Exception {
        String lead = console.offeredLead("Selfsame");
        ConsoleFixture.Session jane = console.signIn("jane@example.com");

        HttpResponse<String> screen = console.open("/console/leads/" + lead + "/merge?with=" + lead, jane.cookie());
        assertThat(screen.statusCode()).isEqualTo(400);
        assertThat(screen.body()).contains("A lead cannot be merged with itself").contains("<h1>Cannot merge " + lead + "</h1>")
                .doesNotContain("merge-form").doesNotContain("merged into " + lead + " already");

        for (String step : new String[] {"preview", "merge"}) {
            HttpResponse<String> posted = console.post("/console/leads/" + lead + "/merge", jane.cookie(),
                    Map.of("_csrf", jane.csrf(), "with", lead, "survivor", lead, "step", step));
            assertThat(posted.statusCode()).as(step).isEqualTo(400);
            assertThat(posted.body()).as(step).contains("<h1>Cannot merge " + lead + "</h1>").contains("A lead cannot be merged with itself")
                    .doesNotContain("merge-form");
        }
        assertThat(server.get("/api/v1/leads/" + lead).body()).doesNotContain("MERGED");
    }

    @Test
    void aLeadThatWasNeverMergedOffersNoUndo() throws Exception {
        String lead = console.offeredLead("Unmerged");
        ConsoleFixture.Session jane = console.signIn("jane@example.com");

        HttpResponse<String> page = console.open("/console/leads/" + lead + "/merged", jane.cookie());

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains(lead + " has no merge to undo.").doesNotContain("Undo merge").doesNotContain("/unmerge");
    }

    @Test
    void aMergeWithFieldChoicesKeepsTheChosenValuesAndUndoRestoresBoth() {
        Pair pair = pair("Lovelace", "0303", "jane@example.com");
        ConsoleFixture.Session jane = console.signIn("jane@example.com");
        String screen = "/console/leads/" + pair.like() + "/merge";
        assertThat(console.get(screen + "?with=" + pair.flagged(), jane.cookie()).body()).contains("Lovelace Labs Inc").contains("Preview");
        Map<String, String> form = new HashMap<>(Map.of("_csrf", jane.csrf(), "with", pair.flagged(), "survivor", pair.like(),
                "field.company", pair.flagged(), "step", "preview"));
        assertThat(console.post(screen, jane.cookie(), form).body()).contains("Lovelace Labs Inc (from " + pair.flagged() + ")");

        form.put("step", "merge");
        HttpResponse<String> merged = console.post(screen, jane.cookie(), form);

        assertThat(merged.statusCode()).as(merged.body()).isEqualTo(303);
        assertThat(merged.headers().firstValue("Location")).hasValue("/console/leads/" + pair.like() + "/merged?from=" + pair.flagged());
        assertThat(lead(pair.like()).data().get(LeadField.COMPANY)).hasValue("Lovelace Labs Inc");
        assertThat(merged(pair.flagged())).isTrue();
        assertThat(console.get("/console/leads/" + pair.like() + "/merged?from=" + pair.flagged(), jane.cookie()).body())
                .contains("Merged " + pair.flagged() + " into " + pair.like()).contains("Undo merge");

        HttpResponse<String> undone = console.post("/console/leads/" + pair.like() + "/unmerge", jane.cookie(), Map.of("_csrf", jane.csrf()));

        assertThat(undone.statusCode()).as(undone.body()).isEqualTo(303);
        assertThat(lead(pair.like()).data().get(LeadField.COMPANY)).hasValue("Lovelace Labs");
        assertThat(merged(pair.flagged())).isFalse();
        assertThat(console.get(undone.headers().firstValue("Location").orElseThrow(), jane.cookie()).body()).contains("Merge undone");
    }

    @Test
    void withoutTheCsrfTokenNothingIsMergedOrDismissed() {
        Pair pair = pair("Hamilton", "0404", "jane@example.com");
        ConsoleFixture.Session jane = console.signIn("jane@example.com");

        HttpResponse<String> dismiss = console.post("/console/duplicates/dismiss", jane.cookie(), Map.of("lead", pair.flagged(), "other", pair.like()));
        HttpResponse<String> merge = console.post("/console/leads/" + pair.like() + "/merge", jane.cookie(),
                Map.of("with", pair.flagged(), "step", "merge", "_csrf", "forged"));

        assertThat(dismiss.statusCode()).isEqualTo(403);
        assertThat(merge.statusCode()).isEqualTo(403);
        assertThat(merged(pair.flagged())).isFalse();
        assertThat(ids("view=flagged")).contains(pair.flagged());
    }

    @Test
    void aRepWhoMayNotWorkTheLeadsNeitherSeesNorMergesNorDismissesThemButAManagerSeesThem() {
        Pair pair = pair("Johnson", "0505", "jane@example.com");
        ConsoleFixture.Session omar = console.signIn("omar@example.com");
        assertThat(console.get("/console/duplicates", omar.cookie()).body()).doesNotContain(pair.flagged() + " looks like");
        assertThat(console.get("/console/duplicates", console.signIn("max@example.com").cookie()).body())
                .contains(pair.flagged() + " looks like " + pair.like());

        HttpResponse<String> merge = console.post("/console/leads/" + pair.like() + "/merge", omar.cookie(),
                Map.of("_csrf", omar.csrf(), "with", pair.flagged(), "step", "merge"));
        HttpResponse<String> dismiss = console.post("/console/duplicates/dismiss", omar.cookie(),
                Map.of("_csrf", omar.csrf(), "lead", pair.flagged(), "other", pair.like()));

        assertThat(merge.statusCode()).isEqualTo(403);
        assertThat(merge.body()).contains("Not allowed").contains("belongs to someone else");
        assertThat(dismiss.statusCode()).isEqualTo(403);
        assertThat(dismiss.body()).contains("Not allowed");
        assertThat(merged(pair.flagged())).isFalse();
        assertThat(ids("view=flagged")).contains(pair.flagged());
    }

    /** A lead ({@code like}) and a look-alike stored after it ({@code flagged}), both owned by {@code owner}. */
    record Pair(String like, String flagged, String flaggedJson) {}

    static Pair pair(String surname, String phone, String owner) {
        return pair(server, surname, phone, owner);
    }

    static Pair pair(TestServer server, String surname, String phone, String owner) {
        try {
            String like = created(server, server.postJson("/api/v1/leads", "{\"firstName\":\"Grace\",\"lastName\":\"" + surname
                    + "\",\"company\":\"" + surname + " Labs\",\"phone\":\"+1 202 555 " + phone + "\"}"));
            String json = "{\"firstName\":\"Grace\",\"lastName\":\"" + surname + "\",\"company\":\"" + surname + " Labs Inc\",\"phone\":\"202-555-"
                    + phone + "\",\"city\":\"Arlington\"}";
            HttpResponse<String> second = server.postJson("/api/v1/leads", json);
            assertThat(JSON.readTree(second.body()).path("possibleDuplicates").toString()).as(second.body()).contains(like);
            String flagged = created(server, second);
            for (String id : new String[] {like, flagged}) {
                HttpResponse<String> assigned = server.postJson("/api/v1/leads/" + id + "/assign",
                        "{\"rep\":\"max@example.com\",\"to\":\"" + owner + "\"}");
                assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
            }
            return new Pair(like, flagged, json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String created(TestServer server, HttpResponse<String> created) throws java.io.IOException {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asText();
    }

    private static Lead lead(String id) {
        return server.services().leads().get(LeadId.parse(id));
    }

    /** Whether the lead is a tombstone now (reading it gives the lead it was merged into). */
    private static boolean merged(String id) {
        return !lead(id).id().equals(LeadId.parse(id));
    }

    private static java.util.List<String> ids(String query) throws RuntimeException {
        try {
            var answer = server.get("/api/v1/leads?limit=200&" + query);
            java.util.List<String> ids = new java.util.ArrayList<>();
            JSON.readTree(answer.body()).path("items").forEach(item -> ids.add(item.path("id").asText()));
            return ids;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
