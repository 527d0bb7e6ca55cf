package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.team.RepSpec;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A MessageDrafter plugin (a real pf4j archive, installed through the API) rewrites an approval step's
 * draft from what the lead snapshot, its timeline and the merged template say; a drafter that fails
 * leaves the template's draft for the owner. Neither sends anything.
 */
class NurtureDrafterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        server = TestServer.start();
        server.services().team().apply(List.of(new RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "REP", Map.of()),
                new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of())), List.of(), Actor.cli("test"));
        Path archive = TestPlugin.build(dir, "drafts", Map.of(
                "Echo", "@org.pf4j.Extension public class Echo implements dev.leadline.plugin.MessageDrafter {\n"
                        + " public String id() { return \"echo\"; }\n"
                        + " public dev.leadline.plugin.Draft draft(dev.leadline.plugin.DraftRequest r, dev.leadline.plugin.ProviderContext c) {\n"
                        + "  return new dev.leadline.plugin.Draft(\"Re: \" + r.subject() + \" for \" + r.lead().get(\"company\").orElse(\"?\"),\n"
                        + "   \"Dear \" + r.lead().get(\"firstName\").orElse(\"?\") + \",\\n\\n\" + r.body() + \"\\n\\n(\" + r.timeline().size()\n"
                        + "   + \" events, from \" + r.sender() + \") <script>\", \"mentions the company\"); } }",
                "Mute", "@org.pf4j.Extension public class Mute implements dev.leadline.plugin.MessageDrafter {\n"
                        + " public String id() { return \"mute\"; }\n"
                        + " public dev.leadline.plugin.Draft draft(dev.leadline.plugin.DraftRequest r, dev.leadline.plugin.ProviderContext c) {\n"
                        + "  throw new IllegalStateException(\"model is offline\"); } }"));
        var installed = server.send(server.request("/api/v1/plugins?name=drafts-1.0.0.zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(archive))).build());
        assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);
        assertThat(JSON.readTree(installed.body()).path("providers").toString()).contains("drafter:echo").contains("drafter:mute");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aDrafterRewritesTheDraftFromTheLeadAndItsTimelineAndSendsNothing() throws Exception {
        String lead = enrolled("echo", "ada@engines.example");

        server.services().nurtureRunner().run(500);
        // the server's own nurture job may have taken the lead first: its drafter then writes on that thread
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> timeline(lead).stream()
                .anyMatch(e -> e.contains("written by echo")));

        var draft = server.database().dsl().fetchOne("SELECT state, subject, body_text, body_html FROM nurture_email WHERE lead_id = ?",
                LeadId.parse(lead).value());
        assertThat(draft.get("state", String.class)).as("still waiting for Jane").isEqualTo("DRAFT");
        assertThat(draft.get("subject", String.class)).isEqualTo("Re: Hello Ada for Engines Ltd");
        assertThat(draft.get("body_text", String.class)).startsWith("Dear Ada,\n\nShall we talk, Ada?").contains("from Jane Rivera");
        assertThat(draft.get("body_html", String.class)).contains("&lt;script&gt;").doesNotContain("<script>");
        assertThat(timeline(lead)).anySatisfy(e -> assertThat(e).isEqualTo("Draft \"Re: Hello Ada for Engines Ltd\" written by echo: mentions the company"));
        assertThat(server.database().dsl().fetchValue("SELECT COUNT(*) FROM nurture_email WHERE state IN ('QUEUED', 'SENDING', 'SENT')"))
                .isEqualTo(0L);
    }

    @Test
    void whenTheDrafterFailsTheOwnerGetsTheTemplatesDraft() throws Exception {
        String lead = enrolled("mute", "grace@navy.example");

        server.services().nurtureRunner().run(500);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> timeline(lead).stream()
                .anyMatch(e -> e.startsWith("Drafter mute")));

        var draft = server.database().dsl().fetchOne("SELECT state, subject FROM nurture_email WHERE lead_id = ?", LeadId.parse(lead).value());
        assertThat(draft.get("state", String.class)).isEqualTo("DRAFT");
        assertThat(draft.get("subject", String.class)).isEqualTo("Hello Grace");
        assertThat(timeline(lead)).anySatisfy(e -> assertThat(e).startsWith("Drafter mute wrote no draft (").contains("model is offline")
                .endsWith("the template's draft stands"));
    }

    @Test
    void aDrafterNeedsApprovalAndANameThatCanBeOne() {
        var unapproved = server.send(HttpRequest.newBuilder(server.uri("/api/v1/cadences/bad-drafter"))
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString("steps:\n  - email: {subject: Hi, body: Hello, drafter: echo}\n")).build());
        assertThat(unapproved.statusCode()).isEqualTo(400);
        assertThat(unapproved.body()).contains("steps[0].email.drafter").contains("needs approval: true");
    }

    private static String enrolled(String drafter, String email) throws Exception {
        server.services().cadences().save("drafted-by-" + drafter, Map.of("sendWindow", "24/7", "steps", List.of(Map.of("email", Map.of(
                "subject", "Hello {{ lead.firstName }}", "body", "Shall we talk, {{ lead.firstName }}?", "approval", true, "drafter", drafter)))),
                Actor.cli("test"));
        String first = Character.toUpperCase(email.charAt(0)) + email.substring(1, email.indexOf('@'));
        String lead = JSON.readTree(server.postJson("/api/v1/leads", JSON.writeValueAsString(Map.of("email", email, "firstName", first,
                "company", email.startsWith("ada") ? "Engines Ltd" : "Navy"))).body()).path("id").asText();
        assertThat(server.postJson("/api/v1/leads/" + lead + "/assign", "{\"rep\":\"mia@example.com\",\"to\":\"jane@example.com\"}").statusCode())
                .isEqualTo(200);
        server.services().nurture().enrol(LeadId.parse(lead), "drafted-by-" + drafter, Actor.cli("test"));
        return lead;
    }

    private static List<String> timeline(String lead) throws Exception {
        JsonNode items = JSON.readTree(server.get("/api/v1/leads/" + lead + "/timeline").body()).path("items");
        List<String> out = new java.util.ArrayList<>();
        items.forEach(i -> out.add(i.path("summary").asText()));
        return out;
    }
}
