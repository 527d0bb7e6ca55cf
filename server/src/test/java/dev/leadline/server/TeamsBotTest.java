package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadStatus;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Teams bot through its real endpoint: bot-builder's JWT validation against a loopback OpenID and
 * key stub, the SDK's connector client against a loopback connector, tokens from a loopback Entra ID.
 */
class TeamsBotTest {
    static final String APP_ID = "11111111-2222-3333-4444-555555555555";
    static final String TENANT = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    private static final String CHANNEL = "19:inbound@thread.tacv2";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TeamsStub teams;
    private static TestServer server;
    private static com.icegreen.greenmail.util.GreenMail mail;

    @BeforeAll
    static void start() throws Exception {
        teams = new TeamsStub(Map.of(
                "29:jane", TeamsStub.member("29:jane", "Jane Rivera", "aad-jane", "jane@example.com"),
                "29:omar", TeamsStub.member("29:omar", "Omar Haddad", "aad-omar", "omar@example.com"),
                "29:mia", TeamsStub.member("29:mia", "Mia Chen", "aad-mia", "mia@example.com"),
                "29:stranger", TeamsStub.member("29:stranger", "Sam Stranger", "aad-stranger", "stranger@example.com"),
                "29:lee", TeamsStub.member("29:lee", "Lee Park", "aad-lee", "lee@example.com")));
        // nurture emails approved in Teams go to a real SMTP server
        mail = new com.icegreen.greenmail.util.GreenMail(com.icegreen.greenmail.util.ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        server = TestServer.start(Map.of("TEAMS_APP_ID", APP_ID, "TEAMS_APP_PASSWORD", "test-client-secret", "TEAMS_TENANT_ID", TENANT,
                "TEAMS_OPENID_METADATA_URL", teams.openIdUrl(), "TEAMS_LOGIN_URL", teams.url(), "LEADLINE_SMTP_HOST", "127.0.0.1",
                "LEADLINE_SMTP_PORT", Integer.toString(mail.getSmtp().getPort()), "LEADLINE_SMTP_TLS", "none",
                "LEADLINE_PUBLIC_URL", "https://leads.example.com"));
        server.services().team().apply(List.of(
                        new RepSpec("jane@example.com", "Jane Rivera", "Europe/Berlin", null, null, true, "REP", Map.of()),
                        new RepSpec("omar@example.com", "Omar Haddad", null, null, null, true, "REP", Map.of()),
                        new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of())),
                List.of(new QueueSpec("Inbound", null, List.of("jane@example.com", "omar@example.com"), Map.of("teams", CHANNEL))),
                Actor.cli("test"));
        // the app is installed in the team: Teams says so in the channel, which tells the bot where the channel lives
        assertThat(send(installedInChannel(), teams.token(APP_ID)).statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
        teams.close();
        mail.stop();
    }

    @Test
    void aMessageInAPersonalChatIsReadWithTheSharedGrammarAndAnsweredInThatChat() throws Exception {
        String lead = assignedLead("Personal", "jane@example.com");

        HttpResponse<String> response = send(message("29:jane", "aad-jane", "a:jane", "personal", "/lead " + lead), teams.token(APP_ID));

        assertThat(response.statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !teams.replies("a:jane").isEmpty());
        JsonNode reply = JSON.readTree(teams.replies("a:jane").get(teams.replies("a:jane").size() - 1).body());
        assertThat(reply.path("text").asText()).contains(lead + ": New");
        JsonNode card = reply.path("attachments").get(0);
        assertThat(card.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(card.path("content").path("version").asText()).isEqualTo("1.5");
        assertThat(card.path("content").toString()).contains("\"verb\":\"qualify\"").contains("\"lead\":\"" + lead + "\"");
        assertThat(server.services().team().repByEmail("jane@example.com").orElseThrow().chatIdentities()).containsEntry("teams", "aad-jane");
        assertThat(teams.replies("a:jane").get(0).authorization()).startsWith("Bearer stub-token-");
    }

    @Test
    void aManagerAsksForTheTeamReportInTheirPersonalChatAndARepForTheirStats() throws Exception {
        String lead = JSON.readTree(server.postJson("/api/v1/leads", "{\"lastName\":\"Reported\"}").body()).path("id").asText();
        assertThat(server.postJson("/api/v1/leads/" + lead + "/assign", "{\"rep\":\"mia@example.com\",\"queue\":\"Inbound\"}")
                .statusCode()).isEqualTo(200);

        send(message("29:mia", "aad-mia", "a:mia-report", "personal", "leads report"), teams.token(APP_ID));
        send(message("29:jane", "aad-jane", "a:jane-stats", "personal", "leads stats"), teams.token(APP_ID));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !teams.replies("a:mia-report").isEmpty() && !teams.replies("a:jane-stats").isEmpty());
        assertThat(JSON.readTree(teams.replies("a:mia-report").get(0).body()).path("text").asText())
                .containsPattern("- \\*\\*Inbound\\*\\*: [1-9]\\d* created");
        assertThat(JSON.readTree(teams.replies("a:jane-stats").get(0).body()).path("text").asText())
                .startsWith("Your week so far, against the same days last week:");
    }

    @Test
    void aChannelMessageWithTheBotMentionedIsReadWithoutTheMentionAndUnreadableTextGetsHelp() throws Exception {
        send(message("29:omar", "aad-omar", CHANNEL, "channel", "<at>Leadline</at> frobnicate L-1"), teams.token(APP_ID));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> teams.replies(CHANNEL).stream()
                .anyMatch(c -> c.body().contains("frobnicate")));
        String reply = teams.replies(CHANNEL).stream().filter(c -> c.body().contains("frobnicate")).findFirst().orElseThrow().body();
        assertThat(JSON.readTree(reply).path("text").asText()).contains("I could not read `frobnicate L-1`")
                .contains("**Lists**").contains("schedule L-42 tomorrow 15:00");
    }

    @Test
    void anInstallThatTeamsReportsTwiceIsWelcomedOnce() throws Exception {
        ObjectNode installed = activity("installationUpdate", "29:omar", "aad-omar", "a:omar-new", "personal").put("action", "add");
        ObjectNode added = activity("conversationUpdate", "29:omar", "aad-omar", "a:omar-new", "personal");
        added.putArray("membersAdded").addObject().put("id", "28:" + APP_ID);

        assertThat(send(installed.toString(), teams.token(APP_ID)).statusCode()).isEqualTo(200);
        assertThat(send(added.toString(), teams.token(APP_ID)).statusCode()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !teams.replies("a:omar-new").isEmpty());
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> teams.replies("a:omar-new").size() == 1);
        assertThat(teams.replies("a:omar-new").get(0).body()).contains("I'm Leadline");
    }

    @Test
    void aCardButtonThatDoesNotSayWhichLeadIsAnsweredWithAClearMessage() throws Exception {
        HttpResponse<String> answer = send(invoke("29:jane", "aad-jane", "a:jane", "personal", "claim", Map.of()), teams.token(APP_ID));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("does not say which lead");
    }

    @Test
    void aCardRefreshesWithTheOwnersButtonsForTheOwnerOnly() throws Exception {
        String lead = assignedLead("Viewer", "jane@example.com");

        HttpResponse<String> forJane = send(invoke("29:jane", "aad-jane", CHANNEL, "channel", "refresh", Map.of("lead", lead)), teams.token(APP_ID));
        HttpResponse<String> forOmar = send(invoke("29:omar", "aad-omar", CHANNEL, "channel", "refresh", Map.of("lead", lead)), teams.token(APP_ID));

        assertThat(forJane.body()).contains("\"verb\":\"qualify\"");
        assertThat(forOmar.statusCode()).isEqualTo(200);
        assertThat(forOmar.body()).contains(lead).doesNotContain("\"verb\":\"qualify\"").doesNotContain("\"verb\":\"release\"");
    }

    @Test
    void aLongListEndsWithShowMoreWhichBringsTheNextPage() throws Exception {
        for (int i = 0; i < 9; i++) {
            assignedLead("Long " + i, "jane@example.com");
        }
        send(message("29:jane", "aad-jane", "a:jane-list", "personal", "leads mine"), teams.token(APP_ID));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !teams.replies("a:jane-list").isEmpty());
        JsonNode first = JSON.readTree(teams.replies("a:jane-list").get(0).body());
        JsonNode more = null;
        for (JsonNode attachment : first.path("attachments")) {
            for (JsonNode action : attachment.path("content").path("actions")) {
                if ("more".equals(action.path("verb").asText())) {
                    more = action.path("data");
                }
            }
        }
        assertThat(more).as("a Show more action").isNotNull();

        HttpResponse<String> clicked = send(invoke("29:jane", "aad-jane", "a:jane-list", "personal", "more",
                Map.of("view", more.path("view").asText(), "after", more.path("after").asText())), teams.token(APP_ID));
        assertThat(clicked.statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> teams.replies("a:jane-list").size() == 2);
        String next = teams.replies("a:jane-list").get(1).body();
        assertThat(JSON.readTree(next).path("text").asText()).contains("more)");
        for (JsonNode attachment : first.path("attachments")) {
            String lead = attachment.path("content").path("refresh").path("action").path("data").path("lead").asText();
            if (!lead.isEmpty()) {
                assertThat(next).as("the next page starts after the first").doesNotContain("\"lead\":\"" + lead + "\"");
            }
        }
    }

    @Test
    void aClaimedCardInTheChannelAsksTeamsToRefreshItForItsOwnerWhoSeesTheirButtons() throws Exception {
        String lead = offeredLead("Refresh");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> postTo(CHANNEL, lead) != null);
        assertThat(send(invoke("29:jane", "aad-jane", CHANNEL, "channel", "claim", Map.of("lead", lead)), teams.token(APP_ID)).statusCode())
                .isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> teams.updates(CHANNEL).stream()
                .anyMatch(u -> u.body().contains("\"lead\":\"" + lead + "\"") && u.body().contains("Claimed by Jane Rivera")));
        JsonNode edited = JSON.readTree(teams.updates(CHANNEL).stream().filter(u -> u.body().contains("\"lead\":\"" + lead + "\"")
                && u.body().contains("Claimed by Jane Rivera")).reduce((a, b) -> b).orElseThrow().body()).path("attachments").get(0).path("content");
        assertThat(edited.path("refresh").path("userIds").toString()).isEqualTo("[\"29:jane\"]");
        assertThat(edited.path("actions").toString()).as("the shared copy itself carries no owner's buttons").doesNotContain("qualify");
    }

    @Test
    void aStrangerIsToldHowToGetAccessAndNothingRuns() throws Exception {
        send(message("29:stranger", "aad-stranger", "a:stranger", "personal", "leads"), teams.token(APP_ID));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !teams.replies("a:stranger").isEmpty());
        assertThat(teams.replies("a:stranger").get(0).body()).contains("I don't know you yet");
    }

    @Test
    void anOfferIsPostedToTheQueueChannelTheFirstOfTwoSimultaneousClaimsWinsAndBothCardsRefresh() throws Exception {
        String lead = offeredLead("Race");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> postTo(CHANNEL, lead) != null);
        JsonNode offer = JSON.readTree(postTo(CHANNEL, lead).body());
        assertThat(offer.path("attachments").get(0).path("content").toString()).contains("\"verb\":\"claim\"");

        CyclicBarrier together = new CyclicBarrier(2);
        CompletableFuture<HttpResponse<String>> jane = CompletableFuture.supplyAsync(() -> race(together, "29:jane", "aad-jane", lead));
        CompletableFuture<HttpResponse<String>> omar = CompletableFuture.supplyAsync(() -> race(together, "29:omar", "aad-omar", lead));
        List<JsonNode> answers = List.of(JSON.readTree(jane.get().body()), JSON.readTree(omar.get().body()));

        assertThat(jane.get().statusCode()).isEqualTo(200);
        assertThat(omar.get().statusCode()).isEqualTo(200);
        assertThat(answers).allSatisfy(a -> assertThat(a.path("type").asText()).isEqualTo("application/vnd.microsoft.card.adaptive"));
        List<String> cards = answers.stream().map(a -> a.path("value").toString()).toList();
        assertThat(cards.stream().filter(c -> c.contains("Claimed " + lead))).hasSize(1);
        assertThat(cards.stream().filter(c -> c.contains("Too late: "))).hasSize(1);
        long winner = server.services().leads().get(LeadId.parse(lead)).ownerRepId();
        String winnerName = server.services().team().rep(winner).orElseThrow().name();
        assertThat(cards).allSatisfy(c -> assertThat(c).contains("\"value\":\"" + winnerName + "\""));
        String offerId = postTo(CHANNEL, lead).answeredId();
        Awaitility.await("the channel's copy is edited for everyone").atMost(Duration.ofSeconds(10)).until(() -> teams.updates(CHANNEL)
                .stream().anyMatch(u -> u.path().endsWith("/" + offerId) && u.body().contains("Claimed by " + winnerName)));
    }

    @Test
    void anOwnerApprovesANurtureDraftOnItsTeamsCardAndExactlyOneEmailGoes() throws Exception {
        // Jane has talked to the bot, so it can write to her
        send(message("29:jane", "aad-jane", "a:jane", "personal", "help"), teams.token(APP_ID));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !teams.replies("a:jane").isEmpty());
        server.services().cadences().save("teams-approve", Map.of("sendWindow", "24/7", "steps", List.of(
                Map.of("email", Map.of("subject", "Hello {{ lead.lastName }}", "body", "Shall we talk?", "approval", true)), Map.of("wait", "2d"))),
                Actor.cli("test"));
        String lead = JSON.readTree(server.postJson("/api/v1/leads", "{\"lastName\":\"Drafty\",\"email\":\"drafty@teams.example\"}").body())
                .path("id").asText();
        assertThat(server.postJson("/api/v1/leads/" + lead + "/assign", "{\"rep\":\"mia@example.com\",\"to\":\"jane@example.com\"}")
                .statusCode()).isEqualTo(200);
        server.services().nurture().enrol(LeadId.parse(lead), "teams-approve", Actor.cli("test"));
        server.services().nurtureRunner().run(500);

        Awaitility.await("the draft reaches Jane in Teams").atMost(Duration.ofSeconds(20)).until(() -> teams.posts("a:jane").stream()
                .anyMatch(c -> c.body().contains("Draft email") && c.body().contains("\"verb\":\"send-draft\"") && c.body().contains(lead)));
        JsonNode sent = JSON.readTree(send(invoke("29:jane", "aad-jane", "a:jane", "personal", "send-draft", Map.of("lead", lead)),
                teams.token(APP_ID)).body());
        JsonNode again = JSON.readTree(send(invoke("29:jane", "aad-jane", "a:jane", "personal", "send-draft", Map.of("lead", lead)),
                teams.token(APP_ID)).body());
        server.services().nurtureMail().deliver(500);
        server.services().nurtureMail().deliver(500);

        assertThat(sent.path("value").toString()).contains("Draft \\\"Hello Drafty\\\" approved by Jane Rivera: sending to drafty@teams.example");
        assertThat(again.path("value").toString()).contains("no draft waiting");
        java.util.List<jakarta.mail.internet.MimeMessage> received = java.util.Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return m.getRecipients(jakarta.mail.Message.RecipientType.TO)[0].toString().equals("drafty@teams.example");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(received).as("exactly one email, from Jane").hasSize(1);
        assertThat(received.get(0).getSubject()).isEqualTo("Hello Drafty");
        assertThat(received.get(0).getFrom()[0].toString()).isEqualTo("Jane Rivera <jane@example.com>");
        assertThat(server.services().timeline().forLead(LeadId.parse(lead), 50)).anySatisfy(a -> assertThat(a.summary())
                .isEqualTo("Emailed drafty@teams.example: Hello Drafty"));
    }

    @Test
    void janeHandsALeadOffOnTheCardAndLeeTakesItFromHisOwnCard() throws Exception {
        // Lee works around the clock, so he is free now whenever this runs; both have talked to the bot
        server.services().team().apply(List.of(new RepSpec("lee@example.com", "Lee Park", "UTC", "24/7", null, true, "REP", Map.of())),
                List.of(new QueueSpec("Closers", null, List.of("lee@example.com"))), Actor.cli("test"));
        for (String who : List.of("jane", "lee")) {
            send(message("29:" + who, "aad-" + who, "a:" + who, "personal", "help"), teams.token(APP_ID));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !teams.replies("a:" + who).isEmpty());
        }
        String lead = assignedLead("Handy", "jane@example.com");

        JsonNode offered = JSON.readTree(send(invoke("29:jane", "aad-jane", "a:jane", "personal", "handoff",
                Map.of("lead", lead, "queue", "Closers")), teams.token(APP_ID)).body());
        assertThat(offered.path("value").toString()).contains(lead + " is offered to Lee Park");
        Awaitility.await("the offer reaches Lee, a card of its own").atMost(Duration.ofSeconds(20)).until(() -> teams.posts("a:lee").stream()
                .anyMatch(c -> c.body().contains("\"verb\":\"take-handoff\"") && c.body().contains(lead)));
        assertThat(teams.posts("a:lee").stream().filter(c -> c.body().contains("take-handoff")).findFirst().orElseThrow().body())
                .doesNotContain("\"refresh\"");

        JsonNode taken = JSON.readTree(send(invoke("29:lee", "aad-lee", "a:lee", "personal", "take-handoff", Map.of("lead", lead)),
                teams.token(APP_ID)).body());
        assertThat(taken.path("value").toString()).contains("You took " + lead);
        assertThat(server.services().leads().get(LeadId.parse(lead)).ownerRepId())
                .isEqualTo(server.services().team().repByEmail("lee@example.com").orElseThrow().id());
        JsonNode again = JSON.readTree(send(invoke("29:lee", "aad-lee", "a:lee", "personal", "take-handoff", Map.of("lead", lead)),
                teams.token(APP_ID)).body());
        assertThat(again.path("value").toString()).contains("is not being handed off");
    }

    @Test
    void aFormThatMissesItsReasonIsRefusedOnTheCardAndChangesNothingThenWorksWithIt() throws Exception {
        String lead = assignedLead("Form", "jane@example.com");

        JsonNode refused = JSON.readTree(send(invoke("29:jane", "aad-jane", "a:jane", "personal", "disqualify", Map.of("lead", lead)),
                teams.token(APP_ID)).body());
        assertThat(refused.path("value").toString()).contains("Pick a reason to disqualify.").contains("\"color\":\"Attention\"");
        assertThat(server.services().leads().get(LeadId.parse(lead)).status()).isEqualTo(LeadStatus.NEW);

        JsonNode done = JSON.readTree(send(invoke("29:jane", "aad-jane", "a:jane", "personal", "disqualify",
                Map.of("lead", lead, "reason", "No budget", "note", "next year")), teams.token(APP_ID)).body());
        assertThat(done.path("value").toString()).contains("Disqualified " + lead);
        assertThat(server.services().leads().get(LeadId.parse(lead)).status()).isEqualTo(LeadStatus.DISQUALIFIED);

        JsonNode badTime = JSON.readTree(send(invoke("29:jane", "aad-jane", "a:jane", "personal", "schedule",
                Map.of("lead", assignedLead("Late", "jane@example.com"), "date", "2020-01-01", "time", "10:00")), teams.token(APP_ID)).body());
        assertThat(badTime.path("value").toString()).contains("\"color\":\"Attention\"").contains("past");
    }

    @Test
    void forgedWrongAudienceExpiredAndMissingTokensAreRefusedAndNothingRuns() throws Exception {
        String lead = offeredLead("Forged");
        String claim = invoke("29:jane", "aad-jane", "a:jane", "personal", "claim", Map.of("lead", lead));
        Instant soon = Instant.now().plusSeconds(600);

        assertThat(send(claim, null).statusCode()).as("no token").isEqualTo(401);
        assertThat(send(claim, "garbage").statusCode()).as("not a JWT").isEqualTo(401);
        assertThat(send(claim, teams.token(APP_ID, teams.serviceUrl(), soon, TeamsStub.rsa())).statusCode()).as("forged").isEqualTo(401);
        assertThat(send(claim, teams.token("99999999-2222-3333-4444-555555555555")).statusCode()).as("other app").isEqualTo(401);
        assertThat(send(claim, teams.token(APP_ID, teams.serviceUrl(), Instant.now().minusSeconds(900))).statusCode())
                .as("expired").isEqualTo(401);
        assertThat(send(claim, teams.token(APP_ID, "https://evil.example/", soon)).statusCode()).as("other service URL").isEqualTo(401);
        assertThat(send(claim.replace("\"channelId\":\"msteams\"", "\"channelId\":\"webchat\""), teams.token(APP_ID)).statusCode())
                .as("a channel the key is not endorsed for").isEqualTo(401);
        assertThat(send(claim.replace(TENANT, "ffffffff-bbbb-cccc-dddd-eeeeeeeeeeee"), teams.token(APP_ID)).statusCode())
                .as("other tenant").isEqualTo(403);

        assertThat(server.services().leads().get(LeadId.parse(lead)).ownerRepId()).isNull();
        assertThat(teams.replies("a:jane").stream().filter(c -> c.body().contains(lead))).isEmpty();
    }

    @Test
    void anAlertReachesARepsPersonalChatAfterARestartAndA429IsRetriedAndDeliveredOnce() throws Exception {
        send(message("29:mia", "aad-mia", "a:mia", "personal", "help"), teams.token(APP_ID));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !teams.replies("a:mia").isEmpty());

        server.restart();
        String lead = JSON.readTree(server.postJson("/api/v1/leads", "{\"lastName\":\"Proactive\"}").body()).path("id").asText();
        teams.throttlePostsContaining("\"lead\":\"" + lead + "\"", 1);
        server.postJson("/api/v1/leads/" + lead + "/assign", "{\"rep\":\"mia@example.com\",\"to\":\"mia@example.com\"}");

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> teams.posts("a:mia").stream()
                .filter(c -> c.body().contains("\"lead\":\"" + lead + "\"")).count() == 2);
        Thread.sleep(1500); // a second delivery would come now, after Retry-After
        assertThat(teams.posts("a:mia").stream().filter(c -> c.body().contains("\"lead\":\"" + lead + "\""))).hasSize(2);
        assertThat(teams.posts("a:mia").get(teams.posts("a:mia").size() - 1).authorization()).startsWith("Bearer stub-token-");
    }

    // ---- helpers

    private static HttpResponse<String> race(CyclicBarrier together, String user, String aad, String lead) {
        try {
            String body = invoke(user, aad, CHANNEL, "channel", "claim", Map.of("lead", lead));
            String token = teams.token(APP_ID);
            together.await();
            return send(body, token);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static TeamsStub.Call postTo(String conversation, String lead) {
        return teams.posts(conversation).stream().filter(c -> c.body().contains("\"lead\":\"" + lead + "\"")).findFirst().orElse(null);
    }

    private static String offeredLead(String name) throws Exception {
        String lead = JSON.readTree(server.postJson("/api/v1/leads", "{\"lastName\":\"" + name + "\"}").body()).path("id").asText();
        assertThat(server.postJson("/api/v1/leads/" + lead + "/assign", "{\"rep\":\"mia@example.com\",\"queue\":\"Inbound\"}").statusCode())
                .isEqualTo(200);
        return lead;
    }

    @Test
    void aFileSentInPersonalChatWithTheLeadsIdIsAttachedAndAPastedImageIsFetchedWithTheBotsToken() throws Exception {
        String lead = assignedLead("Attached", "jane@example.com");
        byte[] pdf = TestFiles.pdf(30_000);
        byte[] png = java.util.Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        ObjectNode upload = activity("message", "29:jane", "aad-jane", "a:jane-files", "personal").put("text", "for " + lead);
        ObjectNode file = upload.putArray("attachments").addObject().put("contentType", "application/vnd.microsoft.teams.file.download.info")
                .put("name", "proposal.pdf");
        file.putObject("content").put("downloadUrl", teams.uploadFile("pdf-1", pdf)).put("uniqueId", "pdf-1").put("fileType", "pdf");
        upload.withArray("attachments").addObject().put("contentType", "image/png").put("name", "whiteboard.png")
                .put("contentUrl", teams.pasteImage("png-1", png));

        assertThat(send(upload.toString(), teams.token(APP_ID)).statusCode()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !teams.replies("a:jane-files").isEmpty());
        String reply = JSON.readTree(teams.replies("a:jane-files").get(0).body()).path("text").asText();
        assertThat(reply).contains("Attached proposal.pdf to " + lead).contains("Attached whiteboard.png to " + lead);
        assertThat(LeadFilesTest.names(server, "/api/v1/leads/" + lead + "/files")).containsExactlyInAnyOrder("proposal.pdf", "whiteboard.png");
        assertThat(server.get("/api/v1/leads/" + lead + "/files").body()).contains(TestFiles.sha256(pdf)).contains("image/png");
        assertThat(teams.calls().stream().filter(c -> c.path().startsWith("/v3/attachments/")).findFirst().orElseThrow().authorization())
                .startsWith("Bearer stub-token-");
        assertThat(teams.calls().stream().filter(c -> c.path().startsWith("/personal/drive/")).findFirst().orElseThrow().authorization())
                .isNull();
    }

    @Test
    void aFileSentWithoutSayingWhichLeadIsNotAttachedAndTheRepIsAskedWhich() throws Exception {
        ObjectNode upload = activity("message", "29:jane", "aad-jane", "a:jane-which", "personal");
        ObjectNode file = upload.putArray("attachments").addObject().put("contentType", "application/vnd.microsoft.teams.file.download.info")
                .put("name", "notes.txt");
        file.putObject("content").put("downloadUrl", teams.uploadFile("txt-1", "notes".getBytes()));

        assertThat(send(upload.toString(), teams.token(APP_ID)).statusCode()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !teams.replies("a:jane-which").isEmpty());
        assertThat(JSON.readTree(teams.replies("a:jane-which").get(0).body()).path("text").asText()).contains("Which lead");
        assertThat(teams.calls()).noneMatch(c -> c.path().contains("txt-1"));
    }

    private static String assignedLead(String name, String rep) throws Exception {
        String lead = JSON.readTree(server.postJson("/api/v1/leads", "{\"lastName\":\"" + name + "\"}").body()).path("id").asText();
        assertThat(server.postJson("/api/v1/leads/" + lead + "/assign", "{\"rep\":\"mia@example.com\",\"to\":\"" + rep + "\"}")
                .statusCode()).isEqualTo(200);
        return lead;
    }

    static HttpResponse<String> send(String activity, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/api/messages")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(activity));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return server.send(request.build());
    }

    private static ObjectNode activity(String type, String user, String aad, String conversation, String conversationType) {
        return teams.activity(type, user, aad, conversation, conversationType, TENANT, APP_ID, CHANNEL);
    }

    static String message(String user, String aad, String conversation, String conversationType, String text) {
        return teams.message(user, aad, conversation, conversationType, TENANT, APP_ID, CHANNEL, text).toString();
    }

    static String invoke(String user, String aad, String conversation, String conversationType, String verb, Map<String, String> data) {
        return teams.invoke(user, aad, conversation, conversationType, TENANT, APP_ID, CHANNEL, verb, data).toString();
    }

    private static String installedInChannel() {
        ObjectNode a = activity("conversationUpdate", "29:mia", "aad-mia", CHANNEL, "channel");
        a.putArray("membersAdded").addObject().put("id", "28:" + APP_ID);
        a.with("channelData").put("eventType", "teamMemberAdded");
        return a.toString();
    }
}
