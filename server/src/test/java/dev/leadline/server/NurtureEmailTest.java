package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.leadline.core.access.TokenRole;
import dev.leadline.core.access.TokenService;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import dev.leadline.server.config.MailSettings;
import dev.leadline.server.mail.ImapInbox;
import dev.leadline.server.routing.ConfiguredRules;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nurture email with a real SMTP and IMAP server (GreenMail) and the server's own code paths: a lead
 * enrolled is emailed once from its owner (HTML escaped, a plain-text part, one-click unsubscribe headers);
 * a reply read from the mailbox sends it back to routing with a chat notice to the owner; a bounce takes it
 * out and suppresses the address; an out-of-office reply pauses the cadence; one-click unsubscribe stops
 * everything; suppressed leads are never mailed.
 */
class NurtureEmailTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAILBOX = "nurture@leadline.example";
    private static final String CADENCE = """
            sendWindow: 24/7
            steps:
              - email: {subject: "Still looking at {{ lead.company }}?", body: "Hi {{ lead.firstName }},\\n\\nhow is {{ lead.company }} doing?"}
              - wait: 2d
              - task: {title: "Call {{ lead.firstName }}", due: 1d}
            """;
    private static GreenMail mail;
    private static GreenMailUser mailbox;
    private static SlackStub slack;
    private static TestServer server;
    private static String janeToken;

    @BeforeAll
    static void start() throws Exception {
        mail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        mail.start();
        mailbox = mail.setUser(MAILBOX, MAILBOX, "mailbox-secret");
        slack = new SlackStub(Map.of("UJANE", "jane@example.com"));
        Map<String, String> env = new HashMap<>(Map.of("SLACK_BOT_TOKEN", "xoxb-test-token", "SLACK_SIGNING_SECRET", "test-signing-secret-0123456789",
                "SLACK_API_URL", slack.apiUrl(), "LEADLINE_SMTP_HOST", "127.0.0.1", "LEADLINE_SMTP_PORT", Integer.toString(mail.getSmtp().getPort()),
                "LEADLINE_SMTP_TLS", "none", "LEADLINE_SMTP_FROM", MAILBOX));
        env.putAll(Map.of("LEADLINE_IMAP_HOST", "127.0.0.1", "LEADLINE_IMAP_PORT", Integer.toString(mail.getImap().getPort()),
                "LEADLINE_IMAP_TLS", "none", "LEADLINE_IMAP_USER", MAILBOX, "LEADLINE_IMAP_PASSWORD", "mailbox-secret"));
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // the unsubscribe links in the emails point to the public address
        env.putAll(Map.of("LEADLINE_PORT", Integer.toString(port), "LEADLINE_PUBLIC_URL", "http://localhost:" + port));
        server = TestServer.start(env);
        server.services().team().apply(List.of(new RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "REP", Map.of("slack", "UJANE"))),
                List.of(new QueueSpec("Inbound", null, List.of("jane@example.com"), Map.of("slack", "CINBOUND"))), Actor.cli("test"));
        ConfiguredRules.defaultToOnlyQueue(server.services().rules(), "Inbound");
        janeToken = server.services().tokens().issue(new TokenService.Request("jane-token", TokenRole.REP, "jane@example.com", false,
                Optional.empty()), Actor.cli("test")).secret();
        HttpResponse<String> saved = server.send(HttpRequest.newBuilder(server.uri("/api/v1/cadences/check-back"))
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString(CADENCE)).build());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        HttpResponse<String> approval = server.send(HttpRequest.newBuilder(server.uri("/api/v1/cadences/approve-first"))
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        sendWindow: 24/7
                        steps:
                          - email: {subject: "Next steps for {{ lead.company }}", body: "Hi {{ lead.firstName }}, shall we talk?", approval: true, expires: 1d}
                          - wait: 2d
                        """)).build());
        assertThat(approval.statusCode()).as(approval.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
        slack.close();
        mail.stop();
    }

    @Test
    void aDisqualifiedLeadIsEmailedOnceAndItsReplySendsItBackToRoutingWithANoticeToTheOwner() throws Exception {
        String lead = newLead("ada@lovelace.example", "<b>Lovelace</b> & Babbage");
        as(janeToken, "/api/v1/leads/" + lead + "/claim", "{}", 200);
        as(janeToken, "/api/v1/leads/" + lead + "/disqualify", "{\"reason\":\"Bad timing\"}", 200);
        as(janeToken, "/api/v1/leads/" + lead + "/nurture", "{\"cadence\":\"check-back\"}", 201);

        MimeMessage sent = sendDue("ada@lovelace.example");

        assertThat(((InternetAddress) sent.getFrom()[0]).getAddress()).isEqualTo(MAILBOX);
        assertThat(((InternetAddress) sent.getFrom()[0]).getPersonal()).isEqualTo("Jane Rivera");
        assertThat(sent.getSubject()).isEqualTo("Still looking at <b>Lovelace</b> & Babbage?");
        String text = part(sent, "text/plain");
        String html = part(sent, "text/html");
        assertThat(text).contains("Hi Ada,").contains("how is <b>Lovelace</b> & Babbage doing?");
        assertThat(html).contains("&lt;b&gt;Lovelace&lt;/b&gt; &amp; Babbage").doesNotContain("<b>Lovelace</b>");
        String unsubscribe = sent.getHeader("List-Unsubscribe", null);
        assertThat(unsubscribe).startsWith("<" + server.uri("/unsubscribe/")).endsWith(">");
        assertThat(sent.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(text).contains(unsubscribe.substring(1, unsubscribe.length() - 1));
        JsonNode nurture = leadJson(lead).path("nurture");
        assertThat(nurture.path("step").asInt()).as("past the email and the wait").isEqualTo(2);
        assertThat(Instant.parse(nurture.path("nextAt").asText())).isAfter(Instant.now().plus(Duration.ofDays(1)));
        assertThat(timeline(lead)).anySatisfy(e -> assertThat(e).isEqualTo("EMAIL_SENT Emailed ada@lovelace.example: " + sent.getSubject()));

        // running again sends nothing more: the step is done
        runDue();
        assertThat(received("ada@lovelace.example")).hasSize(1);

        deliverToMailbox("From: Ada <ada@lovelace.example>\r\nTo: " + MAILBOX + "\r\nSubject: Re: " + sent.getSubject()
                + "\r\nMessage-ID: <reply-1@lovelace.example>\r\nIn-Reply-To: " + sent.getMessageID() + "\r\nReferences: " + sent.getMessageID()
                + "\r\n\r\nYes, call me next week.\r\n");
        assertThat(inbox().poll()).isEqualTo(1);

        JsonNode back = leadJson(lead);
        assertThat(back.path("nurture").isMissingNode() || back.path("nurture").isNull()).as(back.toString()).isTrue();
        assertThat(timeline(lead)).anySatisfy(e -> assertThat(e).startsWith("EMAIL_RECEIVED Reply from ada@lovelace.example"))
                .anySatisfy(e -> assertThat(e).startsWith("RECYCLED Back to routing from nurture: replied to"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode routed = leadJson(lead);
            assertThat(routed.path("status").asText()).isEqualTo("NEW");
            assertThat(routed.path("queueId").isNumber()).as("offered to Inbound again").isTrue();
            assertThat(routed.path("ownerRepId").isNull()).isTrue();
        });
        Awaitility.await("Jane is told why it came back").atMost(Duration.ofSeconds(20)).until(() -> slack.calls("chat.postMessage").stream()
                .anyMatch(c -> "UJANE".equals(c.params().get("channel")) && c.params().getOrDefault("blocks", "").contains(lead)
                        && c.params().getOrDefault("blocks", "").contains("Back from nurture: replied to")));
        // the same reply seen again (another poll, another node) changes nothing
        assertThat(inbox().poll()).isZero();
    }

    @Test
    void aHardBounceTakesTheLeadOutAndTheAddressIsNeverMailedAgain() throws Exception {
        String lead = newLead("gone@nowhere.example", "Nowhere Ltd");
        as(janeToken, "/api/v1/leads/" + lead + "/nurture", "{\"cadence\":\"check-back\"}", 201);
        MimeMessage sent = sendDue("gone@nowhere.example");

        deliverToMailbox("From: Mail Delivery System <MAILER-DAEMON@mx.example>\r\nTo: " + MAILBOX + "\r\nSubject: Undelivered Mail Returned to Sender"
                + "\r\nMessage-ID: <dsn-1@mx.example>\r\nAuto-Submitted: auto-replied\r\nMIME-Version: 1.0"
                + "\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain\r\n\r\nThe address was not found.\r\n"
                + "--b1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\n"
                + "Final-Recipient: rfc822; gone@nowhere.example\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                + "--b1\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: " + MAILBOX + "\r\nTo: gone@nowhere.example\r\nMessage-ID: "
                + sent.getMessageID() + "\r\nSubject: " + sent.getSubject() + "\r\n--b1--\r\n");
        assertThat(inbox().poll()).isEqualTo(1);

        assertThat(leadJson(lead).path("nurture").isMissingNode() || leadJson(lead).path("nurture").isNull()).isTrue();
        assertThat(timeline(lead)).anySatisfy(e -> assertThat(e).contains("bounced (5.1.1)"))
                .anySatisfy(e -> assertThat(e).startsWith("NURTURE Left cadence check-back: the email bounced"));

        as(janeToken, "/api/v1/leads/" + lead + "/nurture", "{\"cadence\":\"check-back\"}", 201);
        runDue();
        assertThat(received("gone@nowhere.example")).as("suppressed after the bounce").hasSize(1);
        assertThat(timeline(lead)).anySatisfy(e -> assertThat(e).endsWith("not sent: gone@nowhere.example is on the suppression list"));
    }

    @Test
    void anOutOfOfficeReplyPausesTheCadenceWithoutTakingTheLeadOut() throws Exception {
        String lead = newLead("away@beach.example", "Beach Co");
        as(janeToken, "/api/v1/leads/" + lead + "/nurture", "{\"cadence\":\"check-back\"}", 201);
        MimeMessage sent = sendDue("away@beach.example");
        Instant before = Instant.parse(leadJson(lead).path("nurture").path("nextAt").asText());

        deliverToMailbox("From: away@beach.example\r\nTo: " + MAILBOX + "\r\nSubject: Automatic reply: " + sent.getSubject()
                + "\r\nMessage-ID: <ooo-1@beach.example>\r\nAuto-Submitted: auto-replied\r\nIn-Reply-To: " + sent.getMessageID()
                + "\r\n\r\nI am out of the office until Monday.\r\n");
        assertThat(inbox().poll()).isEqualTo(1);

        JsonNode nurture = leadJson(lead).path("nurture");
        assertThat(nurture.path("cadence").asText()).isEqualTo("check-back");
        assertThat(Instant.parse(nurture.path("nextAt").asText())).isAfter(before.plus(Duration.ofDays(2)));
        assertThat(timeline(lead)).anySatisfy(e -> assertThat(e).startsWith("EMAIL_RECEIVED Automatic reply from away@beach.example")
                .contains("paused until"));
    }

    @Test
    void oneClickUnsubscribeStopsEveryEmailAndAScannerFollowingTheLinkUnsubscribesNoOne() throws Exception {
        String lead = newLead("done@enough.example", "Enough Inc");
        as(janeToken, "/api/v1/leads/" + lead + "/nurture", "{\"cadence\":\"check-back\"}", 201);
        MimeMessage sent = sendDue("done@enough.example");
        String link = sent.getHeader("List-Unsubscribe", null).replaceAll("[<>]", "");

        HttpResponse<String> shown = server.send(HttpRequest.newBuilder(java.net.URI.create(link)).GET().build());
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("d***@enough.example").contains("<form method=\"post\"");
        assertThat(leadJson(lead).path("nurture").path("cadence").asText()).as("a GET changes nothing").isEqualTo("check-back");

        HttpResponse<String> oneClick = server.send(HttpRequest.newBuilder(java.net.URI.create(link))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                .build());
        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(leadJson(lead).path("nurture").isMissingNode() || leadJson(lead).path("nurture").isNull()).isTrue();
        assertThat(timeline(lead)).anySatisfy(e -> assertThat(e).isEqualTo("EMAIL_RECEIVED done@enough.example unsubscribed from nurture emails"));

        as(janeToken, "/api/v1/leads/" + lead + "/nurture", "{\"cadence\":\"check-back\"}", 201);
        runDue();
        assertThat(received("done@enough.example")).hasSize(1);

        HttpResponse<String> unknown = server.send(HttpRequest.newBuilder(server.uri("/unsubscribe/" + "A".repeat(32))).POST(
                HttpRequest.BodyPublishers.noBody()).build());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(server.send(HttpRequest.newBuilder(server.uri("/unsubscribe/..%2F..%2Fetc")).GET().build()).statusCode()).isEqualTo(404);
        assertThat(unknown.body()).doesNotContain("Exception").doesNotContain("dev.leadline");
    }

    @Test
    void anAdminSuppressesAnAddressByHandAndNothingGoesToItUntilRemoved() throws Exception {
        HttpResponse<String> added = admin("PUT", "/api/v1/suppressions/Hand@Suppressed.example", "{\"reason\":\"asked by phone\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(admin("PUT", "/api/v1/suppressions/hand@suppressed.example", "").statusCode()).as("there already").isEqualTo(200);
        assertThat(admin("PUT", "/api/v1/suppressions/not-an-address", "").statusCode()).isEqualTo(400);
        HttpResponse<String> asRep = server.send(HttpRequest.newBuilder(server.uri("/api/v1/suppressions")).header("Authorization", "Bearer " + janeToken)
                .GET().build());
        assertThat(asRep.statusCode()).isEqualTo(403);
        JsonNode listed = JSON.readTree(admin("GET", "/api/v1/suppressions?limit=500", null).body());
        assertThat(listed.path("items").toString()).contains("\"address\":\"hand@suppressed.example\"").contains("asked by phone");

        String lead = newLead("hand@suppressed.example", "Hand Co");
        as(janeToken, "/api/v1/leads/" + lead + "/nurture", "{\"cadence\":\"check-back\"}", 201);
        runDue();
        assertThat(received("hand@suppressed.example")).isEmpty();

        assertThat(admin("DELETE", "/api/v1/suppressions/hand@suppressed.example", null).statusCode()).isEqualTo(200);
        assertThat(admin("DELETE", "/api/v1/suppressions/hand@suppressed.example", null).statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> admin(String method, String path, String body) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void aLeadMarkedDoNotEmailIsNeverMailed() throws Exception {
        String lead = newLead("quiet@please.example", "Quiet", Map.of("Do Not Email", "Yes"));
        as(janeToken, "/api/v1/leads/" + lead + "/nurture", "{\"cadence\":\"check-back\"}", 201);

        runDue();

        assertThat(received("quiet@please.example")).isEmpty();
        assertThat(timeline(lead)).anySatisfy(e -> assertThat(e).endsWith("not sent: the lead is marked Do Not Email"));
        assertThat(leadJson(lead).path("nurture").path("step").asInt()).as("the cadence goes on without the email").isEqualTo(2);
    }

    @Test
    void anApprovalStepSendsExactlyOneEmailWhenTheOwnerPressesSendAsMeInSlack() throws Exception {
        String lead = ownedAndEnrolled("sam@approve.example", "approve-first");
        runDue();
        assertThat(received("sam@approve.example")).as("nothing goes before the owner approves").isEmpty();
        String draftCard = awaitDraftCard(lead);
        assertThat(draftCard).contains("send-draft").contains("edit-draft").contains("skip-draft").contains("Next steps for Approve Co");

        assertThat(slackSend(button("send-draft", lead, "r-send-" + lead)).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> responseText("r-send-" + lead).contains("approved by Jane Rivera"));
        runDue();
        // a second press (a double click, a retry) sends nothing more
        assertThat(slackSend(button("send-draft", lead, "r-again-" + lead)).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> responseText("r-again-" + lead).contains("no draft waiting"));
        runDue();

        assertThat(received("sam@approve.example")).hasSize(1);
        assertThat(received("sam@approve.example").get(0).getSubject()).isEqualTo("Next steps for Approve Co");
        assertThat(leadJson(lead).path("nurture").path("step").asInt()).as("past the email and its wait").isEqualTo(2);
        Awaitility.await("the draft's card says what became of it").atMost(Duration.ofSeconds(20)).until(() -> slack.calls("chat.update").stream()
                .anyMatch(c -> c.params().getOrDefault("blocks", "").contains("approved by Jane Rivera")
                        && !c.params().getOrDefault("blocks", "").contains("send-draft")));
    }

    @Test
    void anOwnerEditsTheDraftInASlackFormAndTheEditedEmailGoesOnce() throws Exception {
        String lead = ownedAndEnrolled("eve@approve.example", "approve-first");
        runDue();
        awaitDraftCard(lead);

        assertThat(slackSend(button("edit-draft", lead, "r-edit-" + lead)).statusCode()).isEqualTo(200);
        Awaitility.await("the form opens with the draft in it").atMost(Duration.ofSeconds(10)).until(() -> slack.calls("views.open").stream()
                .anyMatch(c -> c.params().getOrDefault("view", "").contains("Next steps for Approve Co")));
        HttpResponse<String> submitted = slackSend(form(Map.of("payload", "{\"type\":\"view_submission\",\"user\":{\"id\":\"UJANE\"},"
                + "\"team\":{\"id\":\"T1\"},\"api_app_id\":\"A1\",\"view\":{\"id\":\"V9\",\"type\":\"modal\",\"callback_id\":\"edit-draft\","
                + "\"private_metadata\":\"" + lead + "\",\"state\":{\"values\":{\"subject\":{\"subject\":{\"type\":\"plain_text_input\","
                + "\"value\":\"Coffee next week?\"}},\"body\":{\"body\":{\"type\":\"plain_text_input\",\"value\":\"Hi Eve,\\n\\n<b>Tuesday</b> works.\"}}}}}}")));
        assertThat(submitted.body() == null ? "" : submitted.body()).doesNotContain("errors");
        runDue();

        List<MimeMessage> got = received("eve@approve.example");
        assertThat(got).hasSize(1);
        assertThat(got.get(0).getSubject()).isEqualTo("Coffee next week?");
        assertThat(part(got.get(0), "text/html")).contains("&lt;b&gt;Tuesday&lt;/b&gt;").doesNotContain("<b>Tuesday</b>");
        assertThat(timeline(lead)).anySatisfy(e -> assertThat(e).startsWith("EMAIL_SENT Draft \"Coffee next week?\" edited and approved by Jane Rivera"));
    }

    @Test
    void aSkippedOrExpiredDraftIsNeverSentAndTheCadenceGoesOn() throws Exception {
        String skipped = ownedAndEnrolled("skip@approve.example", "approve-first");
        String ignored = ownedAndEnrolled("late@approve.example", "approve-first");
        runDue();
        awaitDraftCard(skipped);

        assertThat(slackSend(button("skip-draft", skipped, "r-skip-" + skipped)).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> responseText("r-skip-" + skipped).contains("skipped by Jane Rivera"));
        // a day later nobody has answered the other draft: its step comes due again
        server.database().dsl().execute("UPDATE lead_nurture SET next_at = ? WHERE lead_id = ?",
                java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(1), Long.parseLong(ignored.substring(2)));
        runDue();

        assertThat(received("skip@approve.example")).isEmpty();
        assertThat(received("late@approve.example")).isEmpty();
        assertThat(leadJson(skipped).path("nurture").path("step").asInt()).isEqualTo(2);
        assertThat(leadJson(ignored).path("nurture").path("step").asInt()).isEqualTo(2);
        assertThat(timeline(ignored)).anySatisfy(e -> assertThat(e).isEqualTo("EMAIL_SENT Draft \"Next steps for Approve Co\" not approved in time: skipped"));
        // a press after it expired finds nothing to send
        assertThat(slackSend(button("send-draft", ignored, "r-late-" + ignored)).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> responseText("r-late-" + ignored).contains("no draft waiting"));
    }

    private static String ownedAndEnrolled(String email, String cadence) throws Exception {
        String lead = newLead(email, "Approve Co");
        as(janeToken, "/api/v1/leads/" + lead + "/claim", "{}", 200);
        as(janeToken, "/api/v1/leads/" + lead + "/nurture", "{\"cadence\":\"" + cadence + "\"}", 201);
        return lead;
    }

    private static String awaitDraftCard(String lead) {
        Awaitility.await("the draft reaches its owner").atMost(Duration.ofSeconds(20)).until(() -> slack.calls("chat.postMessage").stream()
                .anyMatch(c -> "UJANE".equals(c.params().get("channel")) && c.params().getOrDefault("blocks", "").contains("Draft email")
                        && c.params().getOrDefault("blocks", "").contains(lead)));
        return slack.calls("chat.postMessage").stream().filter(c -> "UJANE".equals(c.params().get("channel"))
                && c.params().getOrDefault("blocks", "").contains("Draft email") && c.params().getOrDefault("blocks", "").contains(lead))
                .findFirst().orElseThrow().params().get("blocks");
    }

    private static String button(String action, String lead, String responseId) {
        return form(Map.of("payload", "{\"type\":\"block_actions\",\"user\":{\"id\":\"UJANE\"},\"team\":{\"id\":\"T1\"},"
                + "\"api_app_id\":\"A1\",\"trigger_id\":\"trig-" + responseId + "\",\"response_url\":\"" + slack.responseUrl(responseId) + "\","
                + "\"channel\":{\"id\":\"UJANE\"},\"actions\":[{\"type\":\"button\",\"action_id\":\"" + action + "\",\"block_id\":\"actions:"
                + lead + "\",\"value\":\"" + lead + "\",\"action_ts\":\"1700000000.1\"}]}"));
    }

    private static String responseText(String responseId) {
        return slack.calls("response/" + responseId).stream().map(c -> c.body() == null ? "" : c.body()).reduce("", String::concat);
    }

    private static HttpResponse<String> slackSend(String formBody) {
        long now = System.currentTimeMillis() / 1000;
        return server.send(HttpRequest.newBuilder(server.uri("/slack/events")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", Long.toString(now))
                .header("X-Slack-Signature", new com.slack.api.app_backend.SlackSignature.Generator("test-signing-secret-0123456789")
                        .generate(Long.toString(now), formBody))
                .POST(HttpRequest.BodyPublishers.ofString(formBody)).build());
    }

    private static String form(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(java.net.URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return body.toString();
    }

    // ---- helpers

    /** Runs the due steps and sends their emails, then returns the one email that reached {@code to}. */
    private static MimeMessage sendDue(String to) throws Exception {
        runDue();
        List<MimeMessage> got = received(to);
        assertThat(got).as("emails to " + to).hasSize(1);
        return got.get(0);
    }

    private static void runDue() {
        server.services().nurtureRunner().run(500);
        server.services().nurtureMail().deliver(500);
    }

    private static List<MimeMessage> received(String to) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().contains(to));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static ImapInbox inbox() {
        return new ImapInbox(new MailSettings.Server("127.0.0.1", mail.getImap().getPort(), Optional.of(MAILBOX), "mailbox-secret", "none"),
                server.services().nurtureResponses(), Clock.systemUTC());
    }

    private static void deliverToMailbox(String raw) throws Exception {
        mailbox.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }

    private static String part(MimeMessage message, String type) throws Exception {
        Multipart parts = (Multipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).isMimeType(type)) {
                return parts.getBodyPart(i).getContent().toString();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    private static String newLead(String email, String company) throws Exception {
        return newLead(email, company, Map.of());
    }

    private static String newLead(String email, String company, Map<String, String> custom) throws Exception {
        Map<String, Object> body = new HashMap<>(Map.of("email", email, "firstName", email.substring(0, 1).toUpperCase() + email.substring(1,
                email.indexOf('@')), "lastName", "Test", "company", company, "customFields", custom));
        if (email.startsWith("ada")) {
            body.put("firstName", "Ada");
        }
        HttpResponse<String> created = server.postJson("/api/v1/leads", JSON.writeValueAsString(body));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).path("id").asText();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> leadJson(id).path("queueId").isNumber());
        return id;
    }

    private static void as(String token, String path, String json, int expected) {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(expected);
    }

    private static JsonNode leadJson(String id) throws Exception {
        return JSON.readTree(server.get("/api/v1/leads/" + id).body());
    }

    private static List<String> timeline(String id) throws Exception {
        List<String> entries = new ArrayList<>();
        JSON.readTree(server.get("/api/v1/leads/" + id + "/timeline").body()).path("items")
                .forEach(e -> entries.add(e.path("type").asText() + " " + e.path("summary").asText()));
        return entries;
    }
}
