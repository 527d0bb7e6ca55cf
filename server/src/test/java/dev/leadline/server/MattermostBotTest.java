package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Mattermost bot through the real server against a loopback Mattermost built from its documented
 * REST API v4 payloads: offers in the queue's channel, buttons whose clicks are checked and edit the
 * same post, slash commands checked by their token, direct messages to the owner.
 */
class MattermostBotTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHANNEL = "inboundchannelid000000000a";
    private static final String COMMAND_TOKEN = "mm-command-token-0123456789";
    private static MattermostStub mattermost;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        mattermost = new MattermostStub(Map.of("janeuserid", "jane@example.com", "omaruserid", "omar@example.com",
                "strangeruserid", "stranger@example.com", "leeuserid", "lee@example.com"));
        server = TestServer.start(Map.of("MATTERMOST_URL", mattermost.url(), "MATTERMOST_BOT_TOKEN", "mm-bot-token",
                "MATTERMOST_COMMAND_TOKENS", COMMAND_TOKEN + ",another-command-token", "MATTERMOST_CALLBACK_URL", "https://leadline.example.com"));
        server.services().team().apply(List.of(
                        new RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "REP", Map.of()),
                        new RepSpec("omar@example.com", "Omar Haddad", null, null, null, true, "REP", Map.of()),
                        new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of())),
                List.of(new QueueSpec("Inbound", null, List.of("jane@example.com", "omar@example.com"), Map.of("mattermost", CHANNEL))),
                Actor.cli("test"));
    }

    @AfterAll
    static void stop() {
        server.close();
        mattermost.close();
    }

    @Test
    void anOfferIsPostedWithAClaimButtonAndTheFirstClickClaimsAndEditsThatPost() throws Exception {
        String lead = offeredLead("Race [y](https://evil.example)", "@channel *Acme* [x](https://evil.example)");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> post(CHANNEL, lead) != null);
        JsonNode card = post(CHANNEL, lead).path("props").path("attachments").get(0);
        assertThat(post(CHANNEL, lead).path("props").path("leadline_card").asText()).isEqualTo("lead:" + lead);
        assertThat(card.path("text").asText()).as("Markdown in a lead's values is shown as written")
                .isEqualTo("\\@channel \\*Acme\\* \\[x\\]\\(https://evil.example\\)");
        assertThat(card.path("title").asText()).as("the title too").contains("Race \\[y\\]").doesNotContain("[y](");
        JsonNode claim = card.path("actions").get(0);
        assertThat(claim.path("name").asText()).isEqualTo("Claim");
        assertThat(claim.path("integration").path("url").asText()).isEqualTo("https://leadline.example.com/mattermost/action");

        HttpResponse<String> clicked = click("janeuserid", claim.path("integration").path("context"));
        assertThat(clicked.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(clicked.body()).path("ephemeral_text").asText()).contains("Claimed " + lead);
        assertThat(server.services().leads().get(LeadId.parse(lead)).ownerRepId())
                .isEqualTo(server.services().team().repByEmail("jane@example.com").orElseThrow().id());
        HttpResponse<String> late = click("omaruserid", claim.path("integration").path("context"));
        assertThat(JSON.readTree(late.body()).path("ephemeral_text").asText()).contains("Too late: Jane Rivera claimed " + lead);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> post(CHANNEL, lead).toString().contains("Claimed by Jane Rivera"));
        assertThat(post(CHANNEL, lead).path("props").path("attachments").get(0).path("actions")).as("no buttons left in the channel").isEmpty();
        assertThat(mattermost.posts(CHANNEL).stream().filter(p -> p.toString().contains(lead))).as("edited, not posted again").hasSize(1);
        Awaitility.await("Jane's own copy in her direct channel").atMost(Duration.ofSeconds(10))
                .until(() -> post(MattermostStub.directChannel("janeuserid"), lead) != null);
        assertThat(post(MattermostStub.directChannel("janeuserid"), lead).toString()).contains("\"name\":\"Release\"");
    }

    @Test
    void janeHandsALeadOffByCommandAndLeeTakesItWithTheButtonInHisDirectChannel() throws Exception {
        // Lee works around the clock, so he is free now whenever this runs
        server.services().team().apply(List.of(new RepSpec("lee@example.com", "Lee Park", "UTC", "24/7", null, true, "REP", Map.of())),
                List.of(new QueueSpec("Closers", null, List.of("lee@example.com"))), Actor.cli("test"));
        String lead = JSON.readTree(server.postJson("/api/v1/leads", "{\"lastName\":\"Handy\",\"company\":\"Live Co\"}").body()).path("id").asText();
        assertThat(server.postJson("/api/v1/leads/" + lead + "/assign", "{\"rep\":\"mia@example.com\",\"to\":\"jane@example.com\"}")
                .statusCode()).isEqualTo(200);

        HttpResponse<String> asked = command(COMMAND_TOKEN, "janeuserid", "/lead", "handoff " + lead + " Closers");
        assertThat(asked.body()).contains(lead + " is offered to Lee Park");
        String lees = MattermostStub.directChannel("leeuserid");
        java.util.function.Supplier<JsonNode> offer = () -> mattermost.posts(lees).stream()
                .filter(p -> p.path("props").path("leadline_card").asText().startsWith("lead:" + lead + ":handoff-")).findFirst().orElse(null);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> offer.get() != null);
        HttpResponse<String> taken = click("leeuserid", button(offer.get(), "Take it now").path("integration").path("context"));
        assertThat(JSON.readTree(taken.body()).path("ephemeral_text").asText()).contains("You took " + lead);
        assertThat(server.services().leads().get(LeadId.parse(lead)).ownerRepId())
                .isEqualTo(server.services().team().repByEmail("lee@example.com").orElseThrow().id());
        Awaitility.await("the offer is edited to say so, without its button").atMost(Duration.ofSeconds(15)).until(() ->
                offer.get().toString().contains("You took it") && offer.get().path("props").path("attachments").get(0).path("actions").isEmpty());
    }

    @Test
    void aClickWithAForgedContextOrFromAStrangerChangesNothing() throws Exception {
        String lead = offeredLead("Forged");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> post(CHANNEL, lead) != null);
        ObjectNode context = (ObjectNode) post(CHANNEL, lead).path("props").path("attachments").get(0).path("actions").get(0)
                .path("integration").path("context").deepCopy();

        ObjectNode forged = context.deepCopy().put("action", "release");
        assertThat(click("janeuserid", forged).statusCode()).isEqualTo(401);
        HttpResponse<String> stranger = click("strangeruserid", context);
        assertThat(JSON.readTree(stranger.body()).path("ephemeral_text").asText()).contains("I don't know you yet");
        assertThat(server.services().leads().get(LeadId.parse(lead)).ownerRepId()).isNull();
    }

    @Test
    void slashCommandsAnswerWithTheSharedGrammarOnlyWithTheirToken() throws Exception {
        String lead = offeredLead("Command");
        HttpResponse<String> wrong = command("not-the-token", "omaruserid", "/lead", "claim " + lead);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(server.services().leads().get(LeadId.parse(lead)).ownerRepId()).isNull();

        HttpResponse<String> claimed = command(COMMAND_TOKEN, "omaruserid", "/lead", "claim " + lead);
        assertThat(claimed.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(claimed.body());
        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.path("text").asText()).contains("Claimed " + lead);
        assertThat(JSON.readTree(command(COMMAND_TOKEN, "omaruserid", "/lead", "schedule " + lead + " tomorrow 25:00 30 Demo").body())
                .path("text").asText()).as("not booked at 09:00 with the title '25:00 30 Demo'").startsWith("I could not read a time in");
        JsonNode mine = JSON.readTree(command("another-command-token", "omaruserid", "/leads", "mine").body());
        assertThat(mine.path("text").asText()).as("Mattermost's bold").startsWith("**Mine**:");
        assertThat(mine.path("attachments").toString()).contains(lead);
    }

    @Test
    void theOwnersFormButtonsOpenCoresFormAsADialogWhoseSubmissionCoreChecks() throws Exception {
        String lead = offeredLead("Dialog");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> post(CHANNEL, lead) != null);
        click("janeuserid", post(CHANNEL, lead).path("props").path("attachments").get(0).path("actions").get(0).path("integration").path("context"));
        String dm = MattermostStub.directChannel("janeuserid");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> post(dm, lead) != null);
        JsonNode disqualify = button(post(dm, lead), "Disqualify");

        assertThat(click("janeuserid", disqualify.path("integration").path("context")).statusCode()).isEqualTo(200);
        JsonNode opened = mattermost.dialogs().get(mattermost.dialogs().size() - 1);
        assertThat(opened.path("url").asText()).isEqualTo("https://leadline.example.com/mattermost/dialog");
        JsonNode dialog = opened.path("dialog");
        assertThat(dialog.path("callback_id").asText()).isEqualTo("disqualify");
        assertThat(dialog.path("elements").findValuesAsText("name")).containsExactly("reason", "note");
        JsonNode reason = dialog.path("elements").get(0);
        assertThat(reason.path("type").asText()).isEqualTo("select");
        assertThat(reason.path("optional").asBoolean()).isFalse();
        String firstReason = reason.path("options").get(0).path("value").asText();
        String state = dialog.path("state").asText();

        assertThat(errors(submit("janeuserid", state, Map.of("note", "no reason given")))).containsOnlyKeys("reason");
        assertThat(errors(submit("janeuserid", state, Map.of("reason", "Not one of ours")))).containsEntry("reason", "Pick a reason to disqualify.");
        assertThat(errors(submit("omaruserid", state, Map.of("reason", firstReason)))).as("a refusal is shown on the first field")
                .hasEntrySatisfying("reason", why -> assertThat(why).startsWith("Not allowed"));
        assertThat(submit("janeuserid", state.replace(lead, "L-1"), Map.of("reason", firstReason)).statusCode()).isEqualTo(401);
        assertThat(server.services().leads().get(LeadId.parse(lead)).status().name()).isNotEqualTo("DISQUALIFIED");

        HttpResponse<String> done = submit("janeuserid", state, Map.of("reason", firstReason, "note", "*went* elsewhere"));
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(errors(done)).isEmpty();
        assertThat(server.services().leads().get(LeadId.parse(lead)).status().name()).isEqualTo("DISQUALIFIED");
        assertThat(mattermost.ephemerals("janeuserid").toString()).contains("Disqualified " + lead);
    }

    @Test
    void aLongListEndsWithShowMoreWhoseClickBringsTheNextPage() throws Exception {
        for (int i = 0; i < 9; i++) {
            offeredLead("Paged" + i);
        }
        JsonNode list = JSON.readTree(command(COMMAND_TOKEN, "omaruserid", "/leads", "queue Inbound").body());
        JsonNode attachments = list.path("attachments");
        assertThat(attachments).hasSize(9);
        JsonNode more = attachments.get(8).path("actions").get(0);
        assertThat(more.path("name").asText()).isEqualTo("Show more");

        assertThat(click("omaruserid", more.path("integration").path("context")).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !mattermost.ephemerals("omaruserid").isEmpty());
        JsonNode page = mattermost.ephemerals("omaruserid").get(0).path("post");
        assertThat(page.path("channel_id").asText()).isEqualTo(CHANNEL);
        assertThat(page.path("message").asText()).contains("more");
        assertThat(page.path("props").path("attachments").size()).isPositive();
    }

    private static JsonNode button(JsonNode post, String name) {
        for (JsonNode action : post.path("props").path("attachments").get(0).path("actions")) {
            if (action.path("name").asText().equals(name)) {
                return action;
            }
        }
        throw new AssertionError("no " + name + " button on " + post);
    }

    private static HttpResponse<String> submit(String user, String state, Map<String, String> values) {
        ObjectNode body = JSON.createObjectNode().put("type", "dialog_submission").put("callback_id", "disqualify").put("state", state)
                .put("user_id", user).put("channel_id", CHANNEL).put("team_id", "teamid").put("cancelled", false);
        ObjectNode submission = body.putObject("submission");
        values.forEach(submission::put);
        return server.send(HttpRequest.newBuilder(server.uri("/mattermost/dialog")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private static Map<String, String> errors(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode errors = JSON.readTree(answer.body()).path("errors");
        return errors.isMissingNode() ? Map.of() : JSON.convertValue(errors, new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {});
    }

    private static JsonNode post(String channel, String lead) {
        return mattermost.posts(channel).stream().filter(p -> p.path("props").path("leadline_card").asText().equals("lead:" + lead))
                .findFirst().orElse(null);
    }

    private static String offeredLead(String name) throws Exception {
        return offeredLead(name, "Acme");
    }

    private static String offeredLead(String name, String company) throws Exception {
        String lead = JSON.readTree(server.postJson("/api/v1/leads", JSON.createObjectNode().put("lastName", name).put("company", company)
                .toString()).body()).path("id").asText();
        assertThat(server.postJson("/api/v1/leads/" + lead + "/assign", "{\"rep\":\"mia@example.com\",\"queue\":\"Inbound\"}").statusCode())
                .isEqualTo(200);
        return lead;
    }

    private static HttpResponse<String> click(String user, JsonNode context) {
        ObjectNode body = JSON.createObjectNode().put("user_id", user).put("channel_id", CHANNEL).put("post_id", "post1")
                .put("team_id", "teamid").put("trigger_id", "trigger");
        body.set("context", context);
        return server.send(HttpRequest.newBuilder(server.uri("/mattermost/action")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private static HttpResponse<String> command(String token, String user, String command, String text) {
        String form = "token=" + enc(token) + "&team_id=teamid&channel_id=" + CHANNEL + "&user_id=" + enc(user) + "&user_name=someone"
                + "&command=" + enc(command) + "&text=" + enc(text) + "&response_url=" + enc("http://127.0.0.1:1/hooks/x") + "&trigger_id=t";
        return server.send(HttpRequest.newBuilder(server.uri("/mattermost/command")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
