package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.leadline.core.common.Actor;
import dev.leadline.core.nurture.NurtureService;
import dev.leadline.core.testing.MutableClock;
import dev.leadline.plugin.testkit.NeedsSharedData;
import dev.leadline.plugin.testkit.SharedData;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * When and how often nurture emails go, against a real SMTP server (GreenMail) and an injected clock:
 * inside the send window in the lead's time zone; once, with two nodes sending at the same time; an
 * email cut off mid-hand-over (what {@code kill -9} leaves) is never sent again; X Education's
 * {@code Do Not Email} leads get nothing.
 */
class NurtureSendingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A Saturday, 10:00 UTC. */
    private static final Instant SATURDAY = Instant.parse("2026-12-05T10:00:00Z");
    private static GreenMail mail;
    private static MutableClock clock;
    private static TestServer server;
    private static Map<String, String> env;

    @BeforeAll
    static void start() throws Exception {
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        clock = new MutableClock(SATURDAY);
        env = new HashMap<>(Map.of("LEADLINE_SMTP_HOST", "127.0.0.1", "LEADLINE_SMTP_PORT", Integer.toString(mail.getSmtp().getPort()),
                "LEADLINE_SMTP_TLS", "none", "LEADLINE_SMTP_FROM", "nurture@leadline.example", "LEADLINE_PUBLIC_URL", "https://leads.example.com",
                "LEADLINE_SMTP_MAX_PER_DOMAIN_HOUR", "100000", "LEADLINE_SMTP_MAX_PER_SENDER_HOUR", "100000"));
        server = TestServer.start(env, clock);
        // no routing rules: the leads stay unplaced, so no routing decision takes them out of their cadence
        save("weekdays", "sendWindow: MON-FRI 09:00-17:00\nsteps:\n  - email: {subject: \"Hello {{ lead.firstName }}\", body: \"Hi\"}\n");
        save("any-time", "sendWindow: 24/7\nsteps:\n  - email: {subject: \"Hello {{ lead.firstName }}\", body: \"Hi\"}\n  - wait: 30d\n");
    }

    @AfterAll
    static void stop() {
        server.close();
        mail.stop();
    }

    @Test
    void anEmailWaitsForTheSendWindowInTheLeadsTimeZone() throws Exception {
        String lead = newLead("ny@window.example", Map.of("timeZone", "America/New_York"));
        enrol(lead, "weekdays");

        runDue();

        assertThat(received("ny@window.example")).as("not on a Saturday").isEmpty();
        // Monday 09:00 in New York
        assertThat(nurture(lead).path("nextAt").asText()).isEqualTo("2026-12-07T14:00:00Z");
        clock.set(Instant.parse("2026-12-07T13:59:00Z"));
        runDue();
        assertThat(received("ny@window.example")).isEmpty();
        clock.set(Instant.parse("2026-12-07T14:00:00Z"));
        runDue();
        assertThat(received("ny@window.example")).as("the email of a cadence's last step goes after the lead finished it").hasSize(1);
        clock.set(SATURDAY);
    }

    @Test
    void anEmailCutOffMidHandOverIsNeverSentAgainAndTheTimelineSaysSo() throws Exception {
        String lead = newLead("cut@off.example", Map.of());
        enrol(lead, "any-time");
        server.services().nurtureRunner().run(500);
        // what kill -9 between "sending" and "sent" leaves behind: marked sending, its answer never recorded
        int cut = server.database().dsl().execute("UPDATE nurture_email SET state = 'SENDING', next_try_at = ? WHERE to_address = ?",
                java.time.LocalDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC), "cut@off.example");
        assertThat(cut).isEqualTo(1);

        server.services().nurtureMail().deliver(500);
        assertThat(timeline(lead)).noneSatisfy(e -> assertThat(e).contains("may or may not have gone"));
        clock.advance(Duration.ofMinutes(11));
        server.services().nurtureMail().deliver(500);
        server.services().nurtureMail().deliver(500);

        assertThat(received("cut@off.example")).isEmpty();
        assertThat(timeline(lead)).anySatisfy(e -> assertThat(e).isEqualTo("EMAIL_SENT Email \"Hello Cut\" to cut@off.example may or may not have gone"
                + " (the server stopped while sending it); it is not sent again"));
        assertThat(server.database().dsl().fetchValue("SELECT state FROM nurture_email WHERE to_address = 'cut@off.example'")).isEqualTo("UNKNOWN");
        clock.set(SATURDAY);
    }

    @Test
    void twoNodesSendingAtOnceSendEachEmailOnce() throws Exception {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String address = "twice" + i + "@nodes.example";
            addresses.add(address);
            enrol(newLead(address, Map.of()), "any-time");
        }
        server.services().nurtureRunner().run(500);
        try (TestServer other = server.beside(env, clock)) {
            ExecutorService both = Executors.newFixedThreadPool(4);
            List<Callable<Integer>> sends = List.of(() -> server.services().nurtureMail().deliver(20).sent(),
                    () -> other.services().nurtureMail().deliver(20).sent(), () -> server.services().nurtureMail().deliver(500).sent(),
                    () -> other.services().nurtureMail().deliver(500).sent());
            int sent = 0;
            for (Future<Integer> f : both.invokeAll(sends)) {
                sent += f.get();
            }
            both.shutdown();
            // the nodes' own nurture job may have sent some of them meanwhile: never more than once between them all
            assertThat(sent).isLessThanOrEqualTo(60);
        }
        Map<String, Long> perAddress = Arrays.stream(mail.getReceivedMessages()).map(NurtureSendingTest::to)
                .filter(addresses::contains).collect(Collectors.groupingBy(a -> a, Collectors.counting()));
        assertThat(perAddress).hasSize(60).allSatisfy((address, count) -> assertThat(count).as(address).isEqualTo(1L));
    }

    @Test
    @NeedsSharedData("x-education/Leads.csv")
    void xEducationLeadsMarkedDoNotEmailGetNothing() throws Exception {
        List<Map<String, String>> rows = XEducationScoring.shuffledRows(SharedData.file("x-education/Leads.csv")).subList(0, 300);
        Map<String, String> doNotEmail = new HashMap<>();
        for (Map<String, String> row : rows) {
            String address = "p" + row.get("Lead Number") + "@xeducation.example";
            doNotEmail.put(address, row.get("Do Not Email"));
            // the column as the export has it, as a CSV import keeps it: a custom field named "Do Not Email"
            String lead = newLead(address, Map.of("Do Not Email", row.get("Do Not Email"), "Lead Origin", row.get("Lead Origin")));
            enrol(lead, "any-time");
        }
        assertThat(doNotEmail.values()).as("the sample has both").contains("Yes", "No");

        runDue();

        Set<String> mailed = Arrays.stream(mail.getReceivedMessages()).map(NurtureSendingTest::to).filter(doNotEmail::containsKey)
                .collect(Collectors.toSet());
        Set<String> allowed = doNotEmail.entrySet().stream().filter(e -> e.getValue().equals("No")).map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(mailed).isEqualTo(allowed);
    }

    // ---- helpers

    private static void save(String name, String yaml) {
        HttpResponse<String> saved = server.send(HttpRequest.newBuilder(server.uri("/api/v1/cadences/" + name))
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString(yaml)).build());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    }

    private static void enrol(String lead, String cadence) {
        assertThat(server.services().nurture().enrol(dev.leadline.core.lead.LeadId.parse(lead), cadence, Actor.cli("test")))
                .isInstanceOf(NurtureService.Enrolment.Enrolled.class);
    }

    private static void runDue() {
        server.services().nurtureRunner().run(500);
        server.services().nurtureMail().deliver(500);
    }

    private static String to(MimeMessage m) {
        try {
            return m.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<MimeMessage> received(String to) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> to(m).equals(to)).toList();
    }

    private static String newLead(String email, Map<String, String> custom) throws Exception {
        String first = Character.toUpperCase(email.charAt(0)) + email.substring(1, email.indexOf('@'));
        HttpResponse<String> created = server.postJson("/api/v1/leads", JSON.writeValueAsString(Map.of("email", email, "firstName", first,
                "customFields", custom)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asText();
    }

    private static JsonNode nurture(String lead) throws Exception {
        return JSON.readTree(server.get("/api/v1/leads/" + lead).body()).path("nurture");
    }

    private static List<String> timeline(String id) throws Exception {
        List<String> entries = new ArrayList<>();
        JSON.readTree(server.get("/api/v1/leads/" + id + "/timeline").body()).path("items")
                .forEach(e -> entries.add(e.path("type").asText() + " " + e.path("summary").asText()));
        return entries;
    }
}
