package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SchedulingApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.services().team().apply(List.of(
                new RepSpec("omar@example.com", "Omar Haddad", "Europe/Berlin", null, null, true, "REP", Map.of()),
                new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "MANAGER", Map.of())),
                List.of(new QueueSpec("Inbound", null, List.of("omar@example.com"))), Actor.cli("test"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aMeetingBookedInTheRepsTimeZoneIsStoredInUtcAndDownloadsAsAnInvite() throws Exception {
        String lead = ownedLead();
        String local = LocalDate.now(BERLIN).plusDays(3) + "T15:00";
        HttpResponse<String> booked = server.postJson("/api/v1/leads/" + lead + "/meetings",
                "{\"rep\":\"omar@example.com\",\"startsAt\":\"" + local + "\",\"durationMinutes\":45,\"title\":\"Discovery call\","
                        + "\"attendees\":[\"cto@prospect.example\"]}");
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        JsonNode meeting = JSON.readTree(booked.body());
        Instant expected = java.time.LocalDateTime.parse(local).atZone(BERLIN).toInstant();
        assertThat(Instant.parse(meeting.path("startsAt").asText())).isEqualTo(expected);
        assertThat(meeting.path("startsAtLocal").asText()).startsWith(local);

        HttpResponse<String> ics = server.get(meeting.path("ics").asText());
        assertThat(ics.statusCode()).isEqualTo(200);
        assertThat(ics.headers().firstValue("Content-Type").orElse("")).startsWith("text/calendar");
        ICalendar calendar = Biweekly.parse(ics.body()).first();
        VEvent event = calendar.getEvents().get(0);
        assertThat(calendar.getMethod().getValue()).isEqualTo("REQUEST");
        assertThat(event.getSummary().getValue()).isEqualTo("Discovery call");
        assertThat(event.getDateStart().getValue().toInstant()).isEqualTo(expected);
        assertThat(event.getDateEnd().getValue().toInstant()).isEqualTo(expected.plus(45, ChronoUnit.MINUTES));
        assertThat(event.getOrganizer().getEmail()).isEqualTo("omar@example.com");
        assertThat(event.getAttendees()).extracting(a -> a.getEmail()).contains("cto@prospect.example", "lead@sched.example");

        HttpResponse<String> moved = server.postJson("/api/v1/meetings/" + meeting.path("id").asText() + "/reschedule",
                "{\"rep\":\"omar@example.com\",\"startsAt\":\"" + expected.plus(1, ChronoUnit.DAYS) + "\"}");
        assertThat(JSON.readTree(moved.body()).path("sequence").asInt()).isEqualTo(1);

        HttpResponse<String> tooEarly = server.postJson("/api/v1/meetings/" + meeting.path("id").asText() + "/outcome",
                "{\"rep\":\"omar@example.com\",\"outcome\":\"held\"}");
        assertThat(tooEarly.statusCode()).isEqualTo(409);
        server.postJson("/api/v1/meetings/" + meeting.path("id").asText() + "/outcome", "{\"rep\":\"omar@example.com\",\"outcome\":\"cancelled\"}");
        ICalendar cancelled = Biweekly.parse(server.get(meeting.path("ics").asText()).body()).first();
        assertThat(cancelled.getMethod().getValue()).isEqualTo("CANCEL");
        assertThat(cancelled.getEvents().get(0).getSequence().getValue()).isEqualTo(2);

        JsonNode after = JSON.readTree(server.get("/api/v1/leads/" + lead).body());
        assertThat(after.path("firstTouchedAt").asText()).isNotEmpty();
    }

    @Test
    void pastOrUnreadableTimesAreRefusedWithExamples() throws Exception {
        String lead = ownedLead();
        HttpResponse<String> past = server.postJson("/api/v1/leads/" + lead + "/meetings",
                "{\"rep\":\"omar@example.com\",\"startsAt\":\"2020-01-01T10:00:00Z\"}");
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(past.body()).contains("must be in the future");
        HttpResponse<String> garbled = server.postJson("/api/v1/leads/" + lead + "/meetings",
                "{\"rep\":\"omar@example.com\",\"startsAt\":\"next blue moon\"}");
        assertThat(garbled.statusCode()).isEqualTo(400);
        assertThat(garbled.body()).contains("Europe/Berlin").contains("2026-11-25T15:00");
        assertThat(server.postJson("/api/v1/leads/" + lead + "/tasks",
                "{\"rep\":\"omar@example.com\",\"title\":\"Send deck\",\"dueAt\":\"2020-01-01T10:00\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void tasksAreSetAndCompleted() throws Exception {
        String lead = ownedLead();
        HttpResponse<String> created = server.postJson("/api/v1/leads/" + lead + "/tasks",
                "{\"rep\":\"omar@example.com\",\"title\":\"Send the deck\",\"dueAt\":\"" + Instant.now().plus(1, ChronoUnit.DAYS) + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String task = JSON.readTree(created.body()).path("id").asText();
        JsonNode done = JSON.readTree(server.postJson("/api/v1/tasks/" + task + "/complete", "{\"rep\":\"omar@example.com\"}").body());
        assertThat(done.path("doneAt").asText()).isNotEmpty();
        assertThat(server.get("/api/v1/leads/" + lead + "/timeline").body()).contains("TASK_CREATED").contains("TASK_DONE");
    }

    private static String ownedLead() throws Exception {
        String id = JSON.readTree(server.postJson("/api/v1/leads", "{\"lastName\":\"Sched\",\"email\":\"lead@sched.example\"}").body())
                .path("id").asText();
        server.postJson("/api/v1/leads/" + id + "/assign", "{\"rep\":\"mia@example.com\",\"to\":\"omar@example.com\"}");
        return id;
    }
}
