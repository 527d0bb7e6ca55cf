package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.app_backend.SlackSignature;
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

/** The Slack bot through its real endpoint: Bolt, signed requests, and a loopback stand-in for Slack's Web API. */
class SlackBotTest {
    private static final String SECRET = "test-signing-secret-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SlackStub slack;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        slack = new SlackStub(Map.of("UJANE", "jane@example.com", "UOMAR", "omar@example.com", "UMIA", "mia@example.com",
                "USTRANGER", "stranger@example.com"));
        server = TestServer.start(Map.of("SLACK_BOT_TOKEN", "xoxb-test-token", "SLACK_SIGNING_SECRET", SECRET,
                "SLACK_API_URL", slack.apiUrl()));
        server.services().team().apply(List.of(
                        new RepSpec("jane@example.com", "Jane Rivera", "Europe/Berlin", null, null, true, "REP", Map.of()),
                        new RepSpec("omar@example.com", "Omar Haddad", null, null, null, true, "REP", Map.of()),
                        new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of())),
                List.of(new QueueSpec("Inbound", null, List.of("jane@example.com", "omar@example.com"), Map.of("slack", "CINBOUND"))),
                Actor.cli("test"));
    }

    @AfterAll
    static void stop() {
        server.close();
        slack.close();
    }

    @Test
    void anOfferIsPostedToTheQueueChannelTheFirstClaimWinsAndTheSameCardIsUpdatedForEveryone() throws Exception {
        String lead = offeredLead("Race");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> posted(lead) != null);
        SlackStub.Call post = posted(lead);
        assertThat(post.params().get("channel")).isEqualTo("CINBOUND");
        assertThat(post.params().get("blocks")).contains("\"action_id\":\"claim\"").contains("\"value\":\"" + lead + "\"");

        assertThat(send(buttonPayload("UJANE", "claim", lead, "r-jane")).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> responses("r-jane").size() == 1);
        assertThat(send(buttonPayload("UOMAR", "claim", lead, "r-omar")).statusCode()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> responses("r-omar").size() == 1 && responses("r-jane").size() == 1);
        assertThat(responses("r-jane").get(0).body()).contains("Claimed " + lead);
        assertThat(responses("r-omar").get(0).body()).contains("Too late: Jane Rivera claimed " + lead);
        assertThat(server.services().leads().get(LeadId.parse(lead)).ownerRepId())
                .isEqualTo(server.services().team().repByEmail("jane@example.com").orElseThrow().id());
        String ts = tsOf(lead);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.update").stream()
                .anyMatch(u -> ts.equals(u.params().get("ts")) && u.params().get("blocks").contains("Claimed by Jane Rivera")));
        String edit = slack.calls("chat.update").stream().filter(u -> ts.equals(u.params().get("ts"))).findFirst().orElseThrow().params().get("blocks");
        assertThat(edit).as("an edit gets fresh block ids").doesNotContain("\"block_id\":\"lead:" + lead + "\"")
                .contains("\"block_id\":\"lead:" + lead + ":");
        assertThat(edit).as("the channel's copy carries no owner's buttons").doesNotContain("\"action_id\":\"qualify\"")
                .doesNotContain("\"action_id\":\"claim\"");
        Awaitility.await("Jane gets her own copy with her buttons").atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.postMessage")
                .stream().anyMatch(p -> "UJANE".equals(p.params().get("channel")) && p.params().getOrDefault("blocks", "").contains(lead)
                        && p.params().get("blocks").contains("\"action_id\":\"qualify\"")));
        Awaitility.await("Jane's App Home shows her new lead").atMost(Duration.ofSeconds(10)).until(() -> slack.calls("views.publish")
                .stream().anyMatch(p -> "UJANE".equals(p.params().get("user_id")) && p.params().get("view").contains(lead)));
    }

    @Test
    void aPostThatSlackRateLimitsIsRetriedAfterRetryAfterAndDeliveredOnce() throws Exception {
        String lead = JSON.readTree(server.postJson("/api/v1/leads", "{\"lastName\":\"Throttled\"}").body()).path("id").asText();
        slack.rateLimitPostsContaining("\"value\":\"" + lead + "\"", 1);
        server.postJson("/api/v1/leads/" + lead + "/assign", "{\"rep\":\"mia@example.com\",\"queue\":\"Inbound\"}");

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> posted(lead) != null);
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> slack.calls("chat.postMessage").stream()
                .filter(c -> !c.reply().equals("429")).filter(c -> c.params().getOrDefault("blocks", "").contains("\"value\":\"" + lead + "\""))
                .count() == 1);
        List<SlackStub.Call> attempts = slack.calls("chat.postMessage").stream()
                .filter(c -> c.params().getOrDefault("blocks", "").contains("\"value\":\"" + lead + "\"")).toList();
        assertThat(attempts).extracting(SlackStub.Call::reply).first().isEqualTo("429");
        assertThat(attempts).filteredOn(c -> !c.reply().equals("429")).hasSize(1);
        assertThat(Duration.between(attempts.get(0).at(), posted(lead).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aRepPutsALeadInANurtureCadenceFromSlackAndTakesItOut() throws Exception {
        server.services().cadences().save("check-back-90", Map.of("steps", List.of(Map.of("wait", "60d"))), Actor.cli("test"));
        String id = JSON.readTree(server.postJson("/api/v1/leads", "{\"lastName\":\"Later\",\"company\":\"Later Ltd\"}").body())
                .path("id").asText();

        assertThat(ask("UJANE", "/lead", "nurture " + id + " check-back-90").path("text").asText())
                .isEqualTo(id + " is in cadence check-back-90 now; its first step runs shortly.");
        JsonNode nurture = JSON.readTree(server.get("/api/v1/leads/" + id).body()).path("nurture");
        assertThat(nurture.path("cadence").asText()).isEqualTo("check-back-90");
        assertThat(nurture.path("enrolledBy").asText()).contains("jane@example.com");
        assertThat(ask("UJANE", "/lead", "nurture " + id + " check-back-90").path("text").asText()).contains("already")
                .contains("nurture stop " + id);
        assertThat(ask("UJANE", "/lead", "nurture " + id + " no-such-cadence").path("text").asText()).contains("no cadence named 'no-such-cadence'");

        assertThat(ask("UJANE", "/lead", "nurture stop " + id).path("text").asText()).isEqualTo(id + " left cadence check-back-90.");
        assertThat(JSON.readTree(server.get("/api/v1/leads/" + id).body()).path("nurture").isNull()).isTrue();
        assertThat(ask("UJANE", "/lead", "nurture stop " + id).path("text").asText()).isEqualTo(id + " is in no cadence.");
    }

    @Test
    void whySaysHowALeadWasRoutedAndARepCanPauseAndResume() throws Exception {
        server.services().rules().save("default", Map.of("default", Map.of("rep", "jane@example.com")), Actor.cli("test"));
        try {
            String id = JSON.readTree(server.postJson("/api/v1/leads", "{\"lastName\":\"Why\",\"company\":\"Why Inc\"}").body())
                    .path("id").asText();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> server.get("/api/v1/leads/" + id + "/routing").statusCode() == 200);

            String why = ask("UJANE", "/lead", "why " + id).path("text").asText();

            assertThat(why).startsWith(id + " was assigned to Jane Rivera.").contains("Rule: *default* of the default rules, version 1");
        } finally {
            server.services().rules().delete("default", Actor.cli("test"));
        }
        assertThat(ask("UOMAR", "/lead", "pause").path("text").asText()).startsWith("Paused");
        assertThat(server.services().team().repByEmail("omar@example.com").orElseThrow().paused()).isTrue();
        assertThat(ask("UOMAR", "/lead", "resume").path("text").asText()).startsWith("Welcome back");
        assertThat(server.services().team().repByEmail("omar@example.com").orElseThrow().paused()).isFalse();
    }

    @Test
    void mergeInChatMovesTheMergedLeadsCardToTheSurvivorAndUnmergeGivesItBack() throws Exception {
        String offered = offeredLead("Mergeable");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> posted(offered) != null);
        String ts = tsOf(offered);
        String survivor = JSON.readTree(server.postJson("/api/v1/leads", "{\"firstName\":\"Max\",\"lastName\":\"Mergeable\"}").body())
                .path("id").asText();

        assertThat(ask("UJANE", "/lead", "merge " + offered + " into " + survivor).path("text").asText()).contains("has no owner yet");
        String merged = ask("UMIA", "/lead", "merge " + offered + " into " + survivor).path("text").asText();

        assertThat(merged).startsWith("Merged " + offered + " into " + survivor);
        Awaitility.await("the offer's card now shows the survivor").atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.update").stream()
                .anyMatch(u -> ts.equals(u.params().get("ts")) && u.params().get("blocks").contains(survivor + " · ")));
        assertThat(ask("UMIA", "/lead", offered).path("text").asText()).startsWith(survivor);

        assertThat(ask("UMIA", "/lead", "unmerge " + survivor).path("text").asText()).startsWith("Undid the merge into " + survivor);
        Awaitility.await("the card is the offered lead's again").atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.update").stream()
                .filter(u -> ts.equals(u.params().get("ts"))).reduce((a, b) -> b).map(u -> u.params().get("blocks").contains(offered + " · "))
                .orElse(false));
        assertThat(ask("UMIA", "/lead", "merge " + offered).path("text").asText()).as("escaped for Slack, shown as written").contains("merge &lt;lead&gt; [&lt;lead&gt; ...] into &lt;lead&gt;");
    }

    @Test
    void slashCommandsAnswerTheRepPrivately() throws Exception {
        String lead = offeredLead("Command");
        JsonNode answer = ask("UOMAR", "/lead", "claim " + lead);
        assertThat(answer.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.path("text").asText()).isEqualTo("Claimed " + lead + ".");

        JsonNode mine = ask("UOMAR", "/leads", "");
        assertThat(mine.path("text").asText()).contains("*Mine*");
        assertThat(mine.path("blocks").toString()).contains(lead);

        assertThat(ask("UOMAR", "/lead", "frobnicate " + lead).path("text").asText()).contains("'frobnicate' is not a verb")
                .contains("schedule L-42 tomorrow 15:00");
        assertThat(ask("UOMAR", "/lead", "schedule " + lead + " 2020-01-01 09:00").path("text").asText()).contains("in the past");
    }

    @Test
    void statsAndTheTeamReportAnswerPrivatelyAndOnlyManagersGetTheReport() throws Exception {
        String lead = offeredLead("Reported");
        assertThat(ask("UOMAR", "/lead", "claim " + lead).path("text").asText()).isEqualTo("Claimed " + lead + ".");
        assertThat(ask("UOMAR", "/lead", "convert " + lead + " account Reported Inc").path("text").asText()).startsWith("Converted " + lead);

        JsonNode stats = ask("UOMAR", "/leads", "stats");
        assertThat(stats.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(stats.path("text").asText()).startsWith("Your week so far, against the same days last week:")
                .containsPattern("• \\*[1-9]\\d* converted\\* \\(");

        JsonNode report = ask("UMIA", "/leads", "report");
        assertThat(report.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(report.path("text").asText()).containsPattern("• \\*Inbound\\*: [1-9]\\d* created").containsPattern("[1-9]\\d* converted");

        assertThat(ask("UJANE", "/leads", "report").path("text").asText())
                .startsWith("Only managers get the team report; `leads stats` shows your own numbers.");
    }

    @Test
    void aCommandHoldingANulCharacterIsRefusedAndADecomposedNoteIsStoredComposed() throws Exception {
        String lead = offeredLead("Hygiene");
        ask("UOMAR", "/lead", "claim " + lead);
        String composed = "Caf\u00e9 visit booked";

        assertThat(ask("UOMAR", "/lead", "note " + lead + " zzq\u0000rst").path("text").asText()).contains("NUL");
        ask("UOMAR", "/lead", "note " + lead + " " + java.text.Normalizer.normalize(composed, java.text.Normalizer.Form.NFD));

        String timeline = server.get("/api/v1/leads/" + lead + "/timeline").body();
        assertThat(timeline).doesNotContain("zzq").contains(composed);
    }

    @Test
    void theDigestsButtonsOpenTheirListView() throws Exception {
        assertThat(send(buttonPayload("UOMAR", "view-overdue", null, "r-digest")).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> responses("r-digest").size() == 1);
        assertThat(responses("r-digest").get(0).body()).contains("Overdue");
    }

    @Test
    void someoneNotOnTheTeamIsToldHowToGetAccessAndNothingChanges() throws Exception {
        String lead = offeredLead("Stranger");
        assertThat(ask("USTRANGER", "/lead", "claim " + lead).path("text").asText()).contains("I don't know you yet");
        assertThat(server.services().leads().get(LeadId.parse(lead)).ownerRepId()).isNull();
    }

    @Test
    void forgedOrStaleRequestsAreRefusedBeforeAnythingRuns() throws Exception {
        String lead = offeredLead("Forged");
        String body = form(Map.of("command", "/lead", "text", "claim " + lead, "user_id", "UJANE", "team_id", "T1",
                "response_url", slack.responseUrl("forged"), "trigger_id", "1.2"));
        long before = slack.calls("response/forged").size();
        long now = System.currentTimeMillis() / 1000;
        HttpResponse<String> forged = server.send(HttpRequest.newBuilder(server.uri("/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", Long.toString(now))
                .header("X-Slack-Signature", new SlackSignature.Generator("not-the-secret").generate(Long.toString(now), body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        HttpResponse<String> stale = server.send(signed(body, "application/x-www-form-urlencoded", now - 600));

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(stale.statusCode()).isEqualTo(401);
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                server.services().leads().get(LeadId.parse(lead)).ownerRepId() == null && slack.calls("response/forged").size() == before);
    }

    @Test
    void aClickFromAnotherWorkspaceChangesNothingAndRebindsNothing() throws Exception {
        ask("UJANE", "/leads", "mine"); // Jane's Slack user is linked to her rep
        slack.addUser("UEVIL", "T9", "jane@example.com");
        String lead = offeredLead("Foreign");

        assertThat(send(buttonPayload("T9", "UEVIL", "claim", lead, "r-evil-t9")).statusCode()).isEqualTo(200);
        // the same stranger in a channel shared into our workspace (Slack Connect): the request names T1, the user is T9's
        assertThat(send(buttonPayload("T1", "UEVIL", "claim", lead, "r-evil-t1")).statusCode()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !responses("r-evil-t9").isEmpty() && !responses("r-evil-t1").isEmpty());
        assertThat(responses("r-evil-t9").get(0).body()).contains("its own workspace only");
        assertThat(responses("r-evil-t1").get(0).body()).contains("its own workspace only");
        assertThat(server.services().leads().get(LeadId.parse(lead)).ownerRepId()).isNull();
        assertThat(server.services().team().repByEmail("jane@example.com").orElseThrow().chatIdentities()).containsEntry("slack", "UJANE");
    }

    @Test
    void anotherUserWithARepsEmailIsRefusedTheLinkStaysAndTheManagersAreTold() throws Exception {
        ask("UOMAR", "/leads", "mine");
        slack.addUser("UOMAR2", "T1", "omar@example.com"); // a second account in our own workspace
        String lead = offeredLead("Takeover");

        assertThat(send(buttonPayload("T1", "UOMAR2", "claim", lead, "r-omar2")).statusCode()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !responses("r-omar2").isEmpty());
        assertThat(responses("r-omar2").get(0).body()).contains("uses another Slack account");
        assertThat(server.services().leads().get(LeadId.parse(lead)).ownerRepId()).isNull();
        assertThat(server.services().team().repByEmail("omar@example.com").orElseThrow().chatIdentities()).containsEntry("slack", "UOMAR");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("chat.postMessage").stream()
                .anyMatch(c -> "UMIA".equals(c.params().get("channel")) && c.params().getOrDefault("blocks", "").contains("UOMAR2")));
    }

    @Test
    void requestsDatedInTheFutureAreRefusedAndAReplayedClickIsAcknowledgedWithoutActingAgain() throws Exception {
        String lead = offeredLead("Replay");
        String body = buttonPayload("UJANE", "claim", lead, "r-future");
        long now = System.currentTimeMillis() / 1000;
        assertThat(server.send(signed(body, "application/x-www-form-urlencoded", now + 3600)).statusCode()).isEqualTo(401);
        assertThat(server.send(signed(body, "application/x-www-form-urlencoded", now + 86_400)).statusCode()).isEqualTo(401);
        assertThat(server.services().leads().get(LeadId.parse(lead)).ownerRepId()).isNull();

        String click = buttonPayload("UJANE", "release", lead, "r-replay");
        ask("UJANE", "/lead", "claim " + lead);
        HttpRequest first = signed(click, "application/x-www-form-urlencoded", now);
        assertThat(server.send(first).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.services().leads().get(LeadId.parse(lead)).ownerRepId() == null);
        ask("UJANE", "/lead", "claim " + lead);
        assertThat(server.send(signed(click, "application/x-www-form-urlencoded", now)).statusCode()).as("a replay is acknowledged")
                .isEqualTo(200);
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> server.services().leads().get(LeadId.parse(lead)).ownerRepId() != null);
        assertThat(responses("r-replay")).as("and not acted on again").hasSize(1);
    }

    @Test
    void aLongListShowsEightAndShowMoreContinuesWhereItEnded() throws Exception {
        slack.addUser("UPAGE", "T1", "page@example.com");
        server.services().team().apply(List.of(new RepSpec("page@example.com", "Pat Page", null, null, null, true, "REP", Map.of())),
                List.of(), Actor.cli("test"));
        for (int i = 0; i < 11; i++) {
            String lead = JSON.readTree(server.postJson("/api/v1/leads", "{\"lastName\":\"Paged " + i + "\"}").body()).path("id").asText();
            assertThat(server.postJson("/api/v1/leads/" + lead + "/assign", "{\"rep\":\"mia@example.com\",\"to\":\"page@example.com\"}")
                    .statusCode()).isEqualTo(200);
        }
        JsonNode first = ask("UPAGE", "/leads", "mine");
        assertThat(first.path("text").asText()).startsWith("*Mine*: 11 leads (8 shown)");
        JsonNode more = null;
        for (JsonNode block : first.path("blocks")) {
            if ("more".equals(block.path("block_id").asText())) {
                more = block.path("elements").get(0);
            }
        }
        assertThat(more).as("a Show more button").isNotNull();
        assertThat(more.path("action_id").asText()).isEqualTo("leads-more");

        String click = form(Map.of("payload", "{\"type\":\"block_actions\",\"user\":{\"id\":\"UPAGE\"},\"team\":{\"id\":\"T1\"},"
                + "\"api_app_id\":\"A1\",\"trigger_id\":\"trig-more\",\"response_url\":\"" + slack.responseUrl("r-more") + "\","
                + "\"channel\":{\"id\":\"D1\"},\"actions\":[{\"type\":\"button\",\"action_id\":\"leads-more\",\"block_id\":\"more\","
                + "\"value\":" + JSON.writeValueAsString(more.path("value").asText()) + ",\"action_ts\":\"1700000000.2\"}]}"));
        assertThat(send(click).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !responses("r-more").isEmpty());
        JsonNode second = JSON.readTree(responses("r-more").get(0).body());
        assertThat(second.path("text").asText()).startsWith("*Mine*: 11 leads (3 more)");
        java.util.Set<String> firstLeads = new java.util.HashSet<>();
        first.path("blocks").forEach(b -> firstLeads.add(b.path("block_id").asText()));
        java.util.List<String> secondLeads = new java.util.ArrayList<>();
        second.path("blocks").forEach(b -> {
            if (b.path("block_id").asText().startsWith("lead:")) {
                secondLeads.add(b.path("block_id").asText());
            }
        });
        assertThat(secondLeads).hasSize(3).doesNotContainAnyElementsOf(firstLeads);
    }

    @Test
    void aDisqualifyButtonOpensAModalAndARefusedSubmissionShowsWhyOnTheField() throws Exception {
        String lead = offeredLead("Modal");
        ask("UJANE", "/lead", "claim " + lead);
        assertThat(send(buttonPayload("UJANE", "disqualify", lead, "r-modal")).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("views.open").stream()
                .anyMatch(c -> c.params().get("view").contains("\"private_metadata\":\"" + lead + "\"")));

        HttpResponse<String> refused = send(submission("UOMAR", "disqualify", lead, "No budget"));
        assertThat(JSON.readTree(refused.body()).path("response_action").asText()).isEqualTo("errors");
        assertThat(JSON.readTree(refused.body()).path("errors").path("reason").asText()).contains("Not allowed");

        HttpResponse<String> accepted = send(submission("UJANE", "disqualify", lead, "No budget"));
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body() == null ? "" : accepted.body()).doesNotContain("errors");
        assertThat(server.services().leads().get(LeadId.parse(lead)).status().name()).isEqualTo("DISQUALIFIED");
    }

    @Test
    void aContactChannelThatIsNotOneOfOursIsRefusedOnTheFieldNotTakenForACall() throws Exception {
        String lead = offeredLead("Pigeon");
        ask("UJANE", "/lead", "claim " + lead);
        String payload = form(Map.of("payload", "{\"type\":\"view_submission\",\"user\":{\"id\":\"UJANE\"},\"team\":{\"id\":\"T1\"},"
                + "\"api_app_id\":\"A1\",\"view\":{\"id\":\"V2\",\"type\":\"modal\",\"callback_id\":\"log-contact\",\"private_metadata\":\""
                + lead + "\",\"state\":{\"values\":{\"channel\":{\"channel\":{\"type\":\"static_select\",\"selected_option\":{\"text\":"
                + "{\"type\":\"plain_text\",\"text\":\"Pigeon\"},\"value\":\"carrier-pigeon\"}}}}}}}"));

        HttpResponse<String> refused = send(payload);

        assertThat(JSON.readTree(refused.body()).path("response_action").asText()).isEqualTo("errors");
        assertThat(JSON.readTree(refused.body()).path("errors").path("channel").asText()).contains("call, email, LinkedIn or other");
        assertThat(server.services().leads().get(LeadId.parse(lead)).status().name()).isEqualTo("NEW");
    }

    @Test
    void aScheduleFormBooksTheMeetingAtTheRepsLocalTimeWithItsTitleAsWritten() throws Exception {
        String lead = offeredLead("Booked");
        ask("UJANE", "/lead", "claim " + lead);
        String payload = form(Map.of("payload", "{\"type\":\"view_submission\",\"user\":{\"id\":\"UJANE\"},\"team\":{\"id\":\"T1\"},"
                + "\"api_app_id\":\"A1\",\"view\":{\"id\":\"V3\",\"type\":\"modal\",\"callback_id\":\"schedule\",\"private_metadata\":\""
                + lead + "\",\"state\":{\"values\":{\"date\":{\"date\":{\"type\":\"datepicker\",\"selected_date\":\"2031-01-15\"}},"
                + "\"time\":{\"time\":{\"type\":\"timepicker\",\"selected_time\":\"15:00\"}},"
                + "\"minutes\":{\"minutes\":{\"type\":\"plain_text_input\",\"value\":\"45\"}},"
                + "\"title\":{\"title\":{\"type\":\"plain_text_input\",\"value\":\"45 ways - demo\"}}}}}}"));

        HttpResponse<String> booked = send(payload);

        assertThat(booked.body() == null ? "" : booked.body()).doesNotContain("errors");
        JsonNode meeting = JSON.readTree(server.get("/api/v1/leads/" + lead + "/meetings").body()).path("items").get(0);
        assertThat(meeting.path("startsAt").asText()).as("15:00 in Berlin, where Jane works").isEqualTo("2031-01-15T14:00:00Z");
        assertThat(meeting.path("durationMinutes").asInt()).isEqualTo(45);
        assertThat(meeting.path("title").asText()).as("the title as written, not read again as minutes").isEqualTo("45 ways - demo");
    }

    @Test
    void aRetriedEventIsHandledOnce() throws Exception {
        String event = "{\"token\":\"x\",\"team_id\":\"T1\",\"api_app_id\":\"A1\",\"type\":\"event_callback\",\"event_id\":\"EvHOME1\","
                + "\"event_time\":1700000000,\"event\":{\"type\":\"app_home_opened\",\"user\":\"UMIA\",\"channel\":\"D1\",\"tab\":\"home\"}}";
        int before = homesOf("UMIA").size();
        assertThat(server.send(signed(event, "application/json", System.currentTimeMillis() / 1000)).statusCode()).isEqualTo(200);
        assertThat(server.send(signed(event, "application/json", System.currentTimeMillis() / 1000)).statusCode()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> homesOf("UMIA").size() > before);
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> homesOf("UMIA").size() == before + 1);
        assertThat(homesOf("UMIA").get(before).params().get("view")).contains("Your leads, Mia Chen").contains("Overdue");
    }

    private static String offeredLead(String name) throws Exception {
        String id = JSON.readTree(server.postJson("/api/v1/leads", "{\"lastName\":\"" + name + "\",\"company\":\"" + name + " Inc\"}").body())
                .path("id").asText();
        assertThat(server.postJson("/api/v1/leads/" + id + "/assign", "{\"rep\":\"mia@example.com\",\"queue\":\"Inbound\"}").statusCode())
                .isEqualTo(200);
        return id;
    }

    private static SlackStub.Call posted(String lead) {
        return slack.calls("chat.postMessage").stream().filter(c -> !c.reply().equals("429"))
                .filter(c -> c.params().getOrDefault("blocks", "").contains("\"value\":\"" + lead + "\"")).findFirst().orElse(null);
    }

    private static List<SlackStub.Call> homesOf(String user) {
        return slack.calls("views.publish").stream().filter(p -> user.equals(p.params().get("user_id"))).toList();
    }

    private static String tsOf(String lead) throws Exception {
        return JSON.readTree(posted(lead).reply()).path("ts").asText();
    }

    private static List<SlackStub.Call> responses(String id) {
        return slack.calls("response/" + id);
    }

    private static HttpResponse<String> send(String formBody) {
        return server.send(signed(formBody, "application/x-www-form-urlencoded", System.currentTimeMillis() / 1000));
    }

    private static HttpRequest signed(String body, String contentType, long timestamp) {
        return SlackDesk.signed(server, body, contentType, timestamp);
    }

    /** Sends a signed slash command, checks Slack got its ack, and returns the answer posted to the response_url. */
    private static JsonNode ask(String user, String command, String text) throws Exception {
        String id = java.util.UUID.randomUUID().toString();
        HttpResponse<String> ack = send(form(Map.of("token", "x", "team_id", "T1", "user_id", user, "user_name", user.toLowerCase(),
                "command", command, "text", text, "response_url", slack.responseUrl(id), "trigger_id", "1.2", "channel_id", "CINBOUND")));
        assertThat(ack.statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !responses(id).isEmpty());
        return JSON.readTree(responses(id).get(0).body());
    }

    private static String buttonPayload(String user, String action, String lead, String responseId) {
        return buttonPayload("T1", user, action, lead, responseId);
    }

    private static String buttonPayload(String team, String user, String action, String lead, String responseId) {
        return form(Map.of("payload", "{\"type\":\"block_actions\",\"user\":{\"id\":\"" + user + "\"},\"team\":{\"id\":\"" + team + "\"},"
                + "\"api_app_id\":\"A1\",\"trigger_id\":\"trig-" + responseId + "\",\"response_url\":\"" + slack.responseUrl(responseId) + "\","
                + "\"channel\":{\"id\":\"CINBOUND\"},\"actions\":[{\"type\":\"button\",\"action_id\":\"" + action + "\",\"block_id\":\"actions:"
                + lead + "\",\"value\":\"" + lead + "\",\"action_ts\":\"1700000000.1\"}]}"));
    }

    private static String submission(String user, String callback, String lead, String reason) {
        return form(Map.of("payload", "{\"type\":\"view_submission\",\"user\":{\"id\":\"" + user + "\"},\"team\":{\"id\":\"T1\"},"
                + "\"api_app_id\":\"A1\",\"view\":{\"id\":\"V1\",\"type\":\"modal\",\"callback_id\":\"" + callback + "\",\"private_metadata\":\""
                + lead + "\",\"state\":{\"values\":{\"reason\":{\"reason\":{\"type\":\"static_select\",\"selected_option\":{\"text\":"
                + "{\"type\":\"plain_text\",\"text\":\"" + reason + "\"},\"value\":\"" + reason + "\"}}},\"note\":{\"note\":"
                + "{\"type\":\"plain_text_input\",\"value\":\"next year\"}}}}}}"));
    }

    private static String form(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return body.toString();
    }
}
