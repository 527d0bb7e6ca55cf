package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.RepSpec;
import dev.leadline.core.testing.MutableClock;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Booking on form submit through the running server, with an injected clock and a real SMTP server
 * (GreenMail): the slots a form's answer offers, booking one, once under contention, moving and cancelling it
 * (the invitations' METHOD and SEQUENCE), the round-robin turn moving with a booking, and the alert when a
 * visitor did not book. Monday 7 December 2026, 14:10 UTC: Jane works 09:00-17:00 in New York (14:00-22:00 UTC),
 * Omar 09:00-17:00 in Berlin (08:00-16:00 UTC).
 */
class BookingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant MONDAY = Instant.parse("2026-12-07T14:10:00Z");
    private static final String RULES = """
            entries:
              - name: solo
                when: {field: campaign, op: eq, value: Solo}
                to: {rep: jane@example.com}
            default: {queue: Inbound}
            """;
    private static GreenMail mail;
    private static MutableClock clock;
    private static TestServer server;
    private static int visitors;

    @BeforeAll
    static void start() {
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        clock = new MutableClock(MONDAY);
        server = TestServer.start(Map.of("LEADLINE_SMTP_HOST", "127.0.0.1", "LEADLINE_SMTP_PORT", Integer.toString(mail.getSmtp().getPort()),
                "LEADLINE_SMTP_TLS", "none", "LEADLINE_SMTP_FROM", "meetings@leadline.example", "LEADLINE_PUBLIC_URL", "https://leads.example.com"),
                clock);
        server.services().team().apply(List.of(
                        new RepSpec("jane@example.com", "Jane Rivera", "America/New_York", "MON-FRI 09:00-17:00", null, true, "REP", Map.of()),
                        new RepSpec("omar@example.com", "Omar Haddad", "Europe/Berlin", "MON-FRI 09:00-17:00", null, true, "REP", Map.of())),
                List.of(new QueueSpec("Inbound", null, List.of("jane@example.com", "omar@example.com"), Map.of(), "round-robin", null, null, null)),
                Actor.cli("test"));
        HttpResponse<String> rules = server.send(server.request("/api/v1/rules/form").header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString(RULES)).build());
        assertThat(rules.statusCode()).as(rules.body()).isEqualTo(200);
        saveForm("solo", "Solo", "{\"durationMinutes\": 30, \"alertAfterMinutes\": 15}");
        saveForm("inbound", "Inbound", "{\"queue\": \"Inbound\", \"durationMinutes\": 60, \"when\": {\"country\": [\"US\", \"DE\"]}}");
    }

    @AfterAll
    static void stop() {
        server.close();
        mail.stop();
    }

    @BeforeEach
    void atMonday() throws Exception {
        clock.set(MONDAY);
        mail.purgeEmailFromAllMailboxes();
    }

    private static void saveForm(String key, String campaign, String booking) {
        HttpResponse<String> saved = server.send(server.request("/api/v1/forms/" + key).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + key + "\", \"defaultSource\": \"Web\", \"defaultCampaign\": \""
                        + campaign + "\", \"allowedOrigins\": [\"https://www.example.com\"], \"booking\": " + booking + "}")).build());
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    }

    /** A visitor submits the form from JavaScript; the answer, parsed. */
    private static JsonNode submit(String form, String fields) throws Exception {
        String email = "visitor" + (++visitors) + "@client.example";
        HttpResponse<String> answer = server.send(HttpRequest.newBuilder(server.uri("/forms/" + form)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\": \"" + email + "\", \"first_name\": \"Vera\", \"last_name\": \"Visitor"
                        + visitors + "\", \"company\": \"Client Co\"" + (fields.isEmpty() ? "" : ", " + fields) + "}")).build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return JSON.readTree(answer.body());
    }

    private static String path(JsonNode booking) {
        return URI.create(booking.path("url").asText()).getPath();
    }

    private static List<Instant> starts(JsonNode slots) {
        List<Instant> out = new ArrayList<>();
        slots.forEach(s -> out.add(OffsetDateTime.parse(s.path("startsAt").asText()).toInstant()));
        return out;
    }

    private static HttpResponse<String> post(String path, String json) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static JsonNode read(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static Instant utc(String text) {
        return Instant.parse(text);
    }

    private static Rep rep(String email) {
        return server.services().team().repByEmail(email).orElseThrow();
    }

    private static LeadId leadOf(String email) throws Exception {
        JsonNode found = read(server.get("/api/v1/leads?q=" + email.replace("@", "%40")));
        return LeadId.parse(found.path("items").get(0).path("id").asText());
    }

    @Test
    void theAnswerOffersSlotsInsideWorkingHoursAroundMeetingsAndOutOfOffice() throws Exception {
        Rep jane = rep("jane@example.com");
        // Jane is out of office all Tuesday in New York
        server.services().team().setAvailability(jane, false, utc("2026-12-08T05:00:00Z"), utc("2026-12-09T05:00:00Z"), Actor.cli("test"));
        try {
            JsonNode first = submit("solo", "");
            LeadId lead = leadOf("visitor" + visitors + "@client.example");
            // an hour's meeting on Monday 15:00-16:00 UTC already
            assertThat(server.services().scheduling().book(lead, jane, utc("2026-12-07T15:00:00Z"), Duration.ofHours(1), "Call", List.of()))
                    .isInstanceOf(dev.leadline.core.scheduling.ScheduleOutcome.Done.class);

            JsonNode booking = submit("solo", "").path("booking");
            assertThat(booking.path("url").asText()).startsWith("https://leads.example.com/book/");
            assertThat(booking.path("durationMinutes").asInt()).isEqualTo(30);
            List<Instant> slots = starts(booking.path("slots"));
            assertThat(slots).hasSize(12);
            // 15 minutes' notice from 14:10, then around the meeting
            assertThat(slots.subList(0, 3)).containsExactly(utc("2026-12-07T14:30:00Z"), utc("2026-12-07T16:00:00Z"),
                    utc("2026-12-07T16:30:00Z"));
            assertThat(first.path("booking").path("slots").get(0).path("startsAt").asText()).isEqualTo("2026-12-07T14:30Z");

            // the link's slots in the visitor's zone: the last Monday slot ends at Jane's 17:00, Tuesday is out of office
            JsonNode page = read(server.get(path(booking) + "/slots?tz=Asia/Tokyo&from=2026-12-07T21:00:00Z"));
            assertThat(page.path("timeZone").asText()).isEqualTo("Asia/Tokyo");
            assertThat(page.path("slots").get(0).path("startsAt").asText()).isEqualTo("2026-12-08T06:00+09:00");
            assertThat(page.path("slots").get(1).path("startsAt").asText()).isEqualTo("2026-12-08T06:30+09:00");
            assertThat(starts(page.path("slots")).get(2)).isEqualTo(utc("2026-12-09T14:00:00Z"));
        } finally {
            server.services().team().setAvailability(rep("jane@example.com"), false, null, null, Actor.cli("test"));
        }
    }

    @Test
    void bookingMovingAndCancellingSendInvitationsAndTellTheRep() throws Exception {
        JsonNode booking = submit("solo", "").path("booking");
        String email = "visitor" + visitors + "@client.example";
        String link = path(booking);
        String slot = "2026-12-09T19:00:00Z";

        HttpResponse<String> booked = post(link, "{\"startsAt\": \"" + slot + "\", \"timeZone\": \"Europe/Paris\"}");
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        JsonNode meeting = read(booked).path("meeting");
        assertThat(meeting.path("with").asText()).isEqualTo("Jane Rivera");
        assertThat(meeting.path("startsAt").asText()).isEqualTo("2026-12-09T20:00+01:00");
        assertThat(read(booked).path("links").path("cancel").asText()).endsWith(link + "/cancel");
        // the same request again (a retry) books nothing more
        assertThat(post(link, "{\"startsAt\": \"" + slot + "\"}").statusCode()).isEqualTo(200);
        assertThat(post(link, "{\"startsAt\": \"2026-12-07T16:00:00Z\"}").statusCode()).isEqualTo(409);

        MimeMessage toVisitor = mailTo(email, "Booked:");
        assertThat(toVisitor.getSubject()).isEqualTo("Booked: meeting with Jane Rivera, Wed 9 Dec 2026, 20:00 (Europe/Paris, 30 min)");
        String visitorMail = GreenMailUtil.getWholeMessage(toVisitor);
        assertThat(visitorMail).contains("text/calendar").contains("method=REQUEST").contains("SEQUENCE:0").contains("invite.ics")
                .contains("https://leads.example.com" + link).doesNotContain("List-Unsubscribe");
        mailTo("jane@example.com", "New meeting booked by Vera Visitor" + visitors + ", Wed 9 Dec 2026, 14:00 (America/New_York");
        LeadId lead = leadOf(email);
        assertThat(server.get("/api/v1/leads/" + lead + "/timeline").body()).contains("Meeting booked by the visitor for Wed 9 Dec 2026 14:00");

        HttpResponse<String> moved = post(link + "/reschedule", "{\"startsAt\": \"2026-12-08T15:00:00Z\"}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(read(moved).path("meeting").path("sequence").asInt()).isEqualTo(1);
        MimeMessage update = mailTo(email, "Moved: meeting with Jane Rivera, Tue 8 Dec 2026, 16:00 (Europe/Paris");
        assertThat(GreenMailUtil.getWholeMessage(update)).contains("SEQUENCE:1").contains("method=REQUEST");
        mailTo("jane@example.com", "Moved: meeting with Vera Visitor" + visitors);

        HttpResponse<String> cancelled = post(link + "/cancel", "");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(read(cancelled).path("state").asText()).isEqualTo("cancelled");
        assertThat(GreenMailUtil.getWholeMessage(mailTo(email, "Cancelled:"))).contains("METHOD:CANCEL").contains("SEQUENCE:2").contains("STATUS:CANCELLED");
        assertThat(server.get("/api/v1/leads/" + lead + "/timeline").body()).contains("Meeting moved by the visitor")
                .contains("Meeting cancelled by the visitor");
        // the calendar file follows the meeting; the link books again after a cancellation
        assertThat(server.get(link + "/meeting.ics").body()).contains("METHOD:CANCEL");
        assertThat(read(server.get(link + "/slots")).path("state").asText()).isEqualTo("cancelled");
        assertThat(post(link, "{\"startsAt\": \"2026-12-08T16:00:00Z\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void twoVisitorsTakingOneSlotAtOnceGetOneBookingAndTheOtherFreshSlots() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                String a = path(submit("solo", "").path("booking"));
                String b = path(submit("solo", "").path("booking"));
                String slot = "2026-12-10T" + (15 + round) + ":00:00Z";
                CountDownLatch go = new CountDownLatch(1);
                Callable<HttpResponse<String>> first = () -> {
                    go.await();
                    return post(a, "{\"startsAt\": \"" + slot + "\"}");
                };
                Callable<HttpResponse<String>> second = () -> {
                    go.await();
                    return post(b, "{\"startsAt\": \"" + slot + "\"}");
                };
                Future<HttpResponse<String>> one = pool.submit(first);
                Future<HttpResponse<String>> two = pool.submit(second);
                go.countDown();
                List<HttpResponse<String>> answers = List.of(one.get(), two.get());
                assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(201, 409);
                HttpResponse<String> lost = answers.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
                assertThat(read(lost).path("error").asText()).isEqualTo("slot_taken");
                assertThat(starts(read(lost).path("slots"))).isNotEmpty().doesNotContain(utc(slot));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aQueueOffersItsMembersInTurnAndTheTurnMovesWithTheBooking() throws Exception {
        JsonNode first = submit("inbound", "\"country\": \"US\"").path("booking");
        LeadId lead = leadOf("visitor" + visitors + "@client.example");
        long routedTo = server.services().leads().get(lead).ownerRepId();
        long jane = rep("jane@example.com").id();
        long omar = rep("omar@example.com").id();
        long other = routedTo == jane ? omar : jane;
        // both members' times are offered: Tuesday 09:00 UTC only Omar works, 20:00 UTC only Jane
        List<Instant> offered = starts(read(server.get(path(first) + "/slots?from=2026-12-08T00:00:00Z")).path("slots"));
        assertThat(offered).contains(utc("2026-12-08T09:00:00Z"), utc("2026-12-08T20:00:00Z"));
        String onlyTheOther = other == omar ? "2026-12-08T09:00:00Z" : "2026-12-08T20:00:00Z";

        HttpResponse<String> booked = post(path(first), "{\"startsAt\": \"" + onlyTheOther + "\"}");
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        assertThat(read(booked).path("meeting").path("with").asText()).isEqualTo(other == omar ? "Omar Haddad" : "Jane Rivera");
        assertThat(server.services().leads().get(lead).ownerRepId()).isEqualTo(other);
        assertThat(server.get("/api/v1/leads/" + lead + "/timeline").body()).contains(": the visitor booked their calendar");
        // the booked member was charged the turn and the first got it back: the next lead goes to the first
        submit("inbound", "\"country\": \"DE\"");
        assertThat(server.services().leads().get(leadOf("visitor" + visitors + "@client.example")).ownerRepId()).isEqualTo(routedTo);
        // a visitor the form's when does not admit gets no booking
        assertThat(submit("inbound", "\"country\": \"FR\"").has("booking")).isFalse();
    }

    @Test
    void theOwnerHearsWhenAQualifiedVisitorDidNotBook() throws Exception {
        submit("solo", "");
        LeadId lead = leadOf("visitor" + visitors + "@client.example");
        assertThat(server.services().bookings().alertUnbooked(100)).isZero();
        clock.advance(Duration.ofMinutes(16));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                server.get("/api/v1/leads/" + lead + "/timeline").body().contains("Did not book: call now (the form came in 16 minutes ago)"));
        // said once
        assertThat(server.services().bookings().alertUnbooked(100)).isZero();
    }

    @Test
    void badLinksAndTimesAreRefusedPlainly() throws Exception {
        assertThat(server.get("/book/nope-not-a-token-at-all-xx/slots").statusCode()).isEqualTo(404);
        HttpResponse<String> page = server.get("/book/nope-not-a-token-at-all-xx");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("not known");
        String link = path(submit("solo", "").path("booking"));
        assertThat(post(link, "{\"startsAt\": \"2026-12-07T16:10:00Z\"}").body()).contains("not the start of a slot");
        assertThat(post(link, "{\"startsAt\": \"2027-03-01T14:00:00Z\"}").body()).contains("beyond the 14 days");
        assertThat(post(link, "{\"startsAt\": \"tomorrow\"}").statusCode()).isEqualTo(400);
        assertThat(server.get(link + "/slots?tz=Mars/Olympus").body()).contains("not a time zone");
        assertThat(post(link, "{\"startsAt\": \"2026-12-07T14:00:00Z\"}").statusCode()).isEqualTo(409);
        HttpResponse<String> foreign = server.send(HttpRequest.newBuilder(server.uri(link + "/slots")).header("Origin", "https://evil.example").build());
        assertThat(foreign.statusCode()).isEqualTo(403);
        HttpResponse<String> allowed = server.send(HttpRequest.newBuilder(server.uri(link + "/slots")).header("Origin", "https://www.example.com").build());
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("https://www.example.com");
        // bodies that are not a booking's
        assertThat(post(link, "null").statusCode()).isEqualTo(400);
        assertThat(post(link, "{\"startsAt\": \"2026-12-11T15:00:00Z\", \"rep\": \"x\"}").body()).contains("rep").contains("is not a field here");
        assertThat(post("/forms/solo", "null").statusCode()).isEqualTo(400);
        HttpResponse<String> badWhen = server.send(server.request("/api/v1/forms/odd").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\": \"Odd\", \"booking\": {\"when\": {\"score\": {\"gte\": 10}}}}")).build());
        assertThat(badWhen.statusCode()).isEqualTo(400);
        assertThat(badWhen.body()).contains("booking.when.score").contains("a comparison like");
        // a page's form that does not fit gets a page, and a taken time while moving offers times to move to
        HttpResponse<String> offGrid = server.send(HttpRequest.newBuilder(server.uri(link)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("startsAt=2026-12-07T16%3A10%3A00Z")).build());
        assertThat(offGrid.statusCode()).isEqualTo(400);
        assertThat(offGrid.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(post(link, "{\"startsAt\": \"2026-12-11T15:00:00Z\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> taken = server.send(HttpRequest.newBuilder(server.uri(link + "/reschedule"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("startsAt=2026-12-07T14%3A00%3A00Z&timeZone=Europe%2FParis")).build());
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(taken.body()).contains("action=\"" + link + "/reschedule\"");
        // the next page's link keeps a zone with a + in it
        assertThat(read(server.get(link + "/slots?tz=Etc%2FGMT%2B5")).path("next").asText()).contains("tz=Etc%2FGMT%2B5");
        // a closed lead's link offers nothing and moves nothing
        LeadId lead = leadOf("visitor" + visitors + "@client.example");
        assertThat(server.services().qualification().disqualify(lead, rep("jane@example.com"), "No budget", null))
                .isInstanceOf(dev.leadline.core.lead.LeadOutcome.Done.class);
        JsonNode closed = read(server.get(link + "/slots"));
        assertThat(closed.path("state").asText()).isEqualTo("closed");
        assertThat(closed.path("slots")).isEmpty();
        assertThat(post(link + "/reschedule", "{\"startsAt\": \"2026-12-11T16:00:00Z\"}").body()).contains("closed");
        // the hosted page loads the widget and works without it
        String open = path(submit("solo", "").path("booking"));
        HttpResponse<String> hosted = server.get(open);
        assertThat(hosted.body()).contains("/book/widget.js").contains("<noscript>").contains("name=\"startsAt\"").contains("Later times");
        assertThat(server.get("/book/widget.js").headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
    }

    /** The email to {@code address} whose subject starts so, once it came (other tests' emails come and go meanwhile). */
    private static MimeMessage mailTo(String address, String subject) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address) && m.getSubject().startsWith(subject);
            } catch (Exception e) {
                return false;
            }
        }).findFirst(), java.util.Optional::isPresent).orElseThrow();
    }
}
