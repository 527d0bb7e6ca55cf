package dev.leadline.server.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.booking.Interval;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.RepSpec;
import dev.leadline.core.testing.MutableClock;
import dev.leadline.server.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A rep's busy times read from a real CalDAV server (Radicale), through the API that sets the calendar, and the
 * booking slots a form's answer offers kept clear of them.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class CalDavCalendarTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");
    private static final String NEW_YORK = """
            BEGIN:VTIMEZONE
            TZID:America/New_York
            BEGIN:DAYLIGHT
            TZOFFSETFROM:-0500
            TZOFFSETTO:-0400
            TZNAME:EDT
            DTSTART:20070311T020000
            RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
            END:DAYLIGHT
            BEGIN:STANDARD
            TZOFFSETFROM:-0400
            TZOFFSETTO:-0500
            TZNAME:EST
            DTSTART:20071104T020000
            RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
            END:STANDARD
            END:VTIMEZONE
            """;
    private static RadicaleServer radicale;
    private static TestServer server;
    private static long omar;

    @BeforeAll
    static void start() throws Exception {
        radicale = RadicaleServer.start(Map.of("omar", "first-secret"));
        radicale.createCalendar("omar", "first-secret", "work");
        put("call.ics", event("call", "DTSTART;TZID=America/New_York:20260303T090000", "DTEND;TZID=America/New_York:20260303T100000"));
        // Tuesdays 11:00 New York time (across the switch to summer time on 8 March), one skipped, one moved to Wednesday 15:00
        put("sync.ics", NEW_YORK + """
                BEGIN:VEVENT
                UID:sync
                DTSTAMP:20260101T000000Z
                DTSTART;TZID=America/New_York:20260224T110000
                DTEND;TZID=America/New_York:20260224T113000
                RRULE:FREQ=WEEKLY;COUNT=10
                EXDATE;TZID=America/New_York:20260310T110000
                SUMMARY:Weekly sync
                END:VEVENT
                BEGIN:VEVENT
                UID:sync
                DTSTAMP:20260101T000000Z
                RECURRENCE-ID;TZID=America/New_York:20260317T110000
                DTSTART;TZID=America/New_York:20260318T150000
                DTEND;TZID=America/New_York:20260318T153000
                SUMMARY:Weekly sync (moved)
                END:VEVENT
                """);
        put("focus.ics", event("focus", "DTSTART:20260304T100000Z", "DTEND:20260304T110000Z", "TRANSP:TRANSPARENT"));
        put("dropped.ics", event("dropped", "DTSTART:20260305T100000Z", "DTEND:20260305T110000Z", "STATUS:CANCELLED"));
        put("offsite.ics", event("offsite", "DTSTART;VALUE=DATE:20260306", "DTEND;VALUE=DATE:20260307"));
        put("later.ics", event("later", "DTSTART:20260601T100000Z", "DTEND:20260601T110000Z"));
        server = TestServer.start(Map.of(), new MutableClock(NOW));
        server.services().team().apply(List.of(new RepSpec("omar@example.com", "Omar Haddad", "Europe/Berlin", null, null, true, "REP",
                Map.of())), List.of(), Actor.cli("test"));
        omar = server.services().team().repByEmail("omar@example.com").orElseThrow().id();
    }

    private static void put(String resource, String body) throws Exception {
        String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Leadline tests//EN\r\n" + body + "END:VCALENDAR\r\n";
        radicale.put("omar", "first-secret", "work", resource, ics.replace("\r\n", "\n").replace("\n", "\r\n"));
    }

    private static String event(String uid, String... lines) {
        return "BEGIN:VEVENT\nUID:" + uid + "\nDTSTAMP:20260101T000000Z\n" + String.join("\n", lines) + "\nSUMMARY:" + uid + "\nEND:VEVENT\n";
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (radicale != null) {
            radicale.close();
        }
    }

    private static HttpResponse<String> setCalendar(String password) {
        String body = "{\"caldav\":\"" + radicale.calendar("omar", "work") + "\",\"user\":\"omar\",\"password\":\"" + password + "\"}";
        return server.send(server.request("/api/v1/reps/omar@example.com/calendar").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static JsonNode shown() throws Exception {
        return JSON.readTree(server.get("/api/v1/reps/omar@example.com/calendar").body());
    }

    private static List<Interval> busy() {
        return server.services().calendars().busy().busy(List.of(omar), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)))
                .getOrDefault(omar, List.of());
    }

    private static Interval at(String start, String end) {
        return new Interval(Instant.parse(start), Instant.parse(end));
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void busyTimesAreTheOpaqueEventsWithRecurrencesExpandedInTheirOwnZoneAndAllDayInTheRepsZone() throws Exception {
        HttpResponse<String> set = setCalendar("first-secret");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(set.body()).doesNotContain("first-secret");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> shown().path("busy").isNumber());

        assertThat(busy()).containsExactly(
                at("2026-03-03T14:00:00Z", "2026-03-03T15:00:00Z"),
                at("2026-03-03T16:00:00Z", "2026-03-03T16:30:00Z"),
                at("2026-03-05T23:00:00Z", "2026-03-06T23:00:00Z"),
                at("2026-03-18T19:00:00Z", "2026-03-18T19:30:00Z"),
                at("2026-03-24T15:00:00Z", "2026-03-24T15:30:00Z"),
                at("2026-03-31T15:00:00Z", "2026-03-31T15:30:00Z"));
        JsonNode shown = shown();
        assertThat(shown.path("kind").asText()).isEqualTo("caldav");
        assertThat(shown.path("user").asText()).isEqualTo("omar");
        assertThat(shown.path("busy").asInt()).isEqualTo(6);
        assertThat(shown.path("lastError").isNull()).isTrue();
        assertThat(server.services().calendars().busy().busy(List.of(omar), Instant.parse("2026-03-03T15:00:00Z"),
                Instant.parse("2026-03-03T16:00:00Z"))).isEqualTo(Map.of(omar, List.of()));

        // the password changes on the calendar's side: the error is recorded, the last busy times stand
        radicale.users(Map.of("omar", "second-secret"));
        ((CalendarCache) server.services().calendars().busy()).changed(omar);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !shown().path("lastError").isNull());
        shown = shown();
        assertThat(shown.path("lastError").asText()).isEqualTo("127.0.0.1 answered HTTP 401 (check the user and password)");
        assertThat(shown.path("lastRead").isNull()).isFalse();
        assertThat(shown.path("busy").asInt()).isEqualTo(6);
        assertThat(shown.toString()).doesNotContain("secret");
        assertThat(busy()).hasSize(6);

        // set with the new password, it is read again at once
        assertThat(setCalendar("second-secret").statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> shown().path("busy").isNumber() && shown().path("busy").asInt() == 6);
        assertThat(shown().path("lastError").isNull()).isTrue();
        assertThat(busy()).hasSize(6);
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void aFormsBookingSlotsKeepClearOfTheCalendarsBusyTimesInAnotherZone() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !busy().isEmpty());
        server.services().team().apply(List.of(new RepSpec("omar@example.com", "Omar Haddad", "Europe/Berlin", null, null, true, "REP",
                Map.of())), List.of(new dev.leadline.core.team.QueueSpec("Inbound", null, List.of("omar@example.com"))), Actor.cli("test"));
        HttpResponse<String> form = server.send(server.request("/api/v1/forms/demo").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"name\": \"Demo\", \"booking\": {\"queue\": \"Inbound\", \"durationMinutes\": 30}}"))
                .build());
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        HttpResponse<String> submitted = server.send(HttpRequest.newBuilder(server.uri("/forms/demo")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\": \"vera@client.example\", \"company\": \"Client Co\"}")).build());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        String link = java.net.URI.create(JSON.readTree(submitted.body()).path("booking").path("url").asText()).getPath();

        // Omar works office hours in Berlin (08:00-16:00 UTC); his calendar's 09:00-10:00 New York call is 14:00-15:00 UTC on Tuesday
        JsonNode slots = JSON.readTree(server.get(link + "/slots?from=2026-03-03T13:00:00Z&tz=Europe/Berlin").body()).path("slots");
        List<String> starts = new java.util.ArrayList<>();
        slots.forEach(slot -> starts.add(slot.path("startsAt").asText()));
        assertThat(starts.subList(0, 5)).containsExactly("2026-03-03T14:00+01:00", "2026-03-03T14:30+01:00", "2026-03-03T16:00+01:00",
                "2026-03-03T16:30+01:00", "2026-03-04T09:00+01:00");
        // the all-day offsite (Friday in Berlin) offers nothing that day
        assertThat(starts).noneMatch(s -> s.startsWith("2026-03-06"));
        HttpResponse<String> taken = server.send(HttpRequest.newBuilder(server.uri(link)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"startsAt\": \"2026-03-03T14:00:00Z\"}")).build());
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(taken.body()).contains("slot_taken");
    }
}
