package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.access.TokenRole;
import dev.leadline.core.access.TokenService;
import dev.leadline.core.activity.AuditEntry;
import dev.leadline.core.common.Actor;
import dev.leadline.db.JooqAuditLog;
import dev.leadline.server.config.ConfigFileCheck;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A rep's calendar over HTTP ({@code /reps/{rep}/calendar}) and in leadline.yml. */
class CalendarApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static String janesToken;

    @BeforeAll
    static void start() throws Exception {
        Path config = Files.createTempDirectory("leadline-calendar-api").resolve("leadline.yml");
        Files.writeString(config, """
                reps:
                  - email: jane@example.com
                    name: Jane Rivera
                    calendar: {ics: "https://calendar.example.com/calendar/ical/jane%40example.com/private-0a1b2c/basic.ics"}
                  - email: omar@example.com
                    name: Omar Haddad
                    timeZone: Europe/Berlin
                """);
        server = TestServer.start(Map.of("LEADLINE_CONFIG", config.toString()));
        janesToken = server.services().tokens().issue(new TokenService.Request("jane-laptop", TokenRole.REP, "jane@example.com", false,
                Optional.empty()), Actor.cli("test")).secret();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> put(String rep, String body) {
        return server.send(server.request("/api/v1/reps/" + rep + "/calendar").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpResponse<String> delete(String rep) {
        return server.send(server.request("/api/v1/reps/" + rep + "/calendar").DELETE().build());
    }

    @Test
    void leadlineYmlGivesARepACalendarShownWithoutItsSecretPath() throws Exception {
        HttpResponse<String> shown = server.get("/api/v1/reps/jane@example.com/calendar");

        assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
        JsonNode calendar = JSON.readTree(shown.body());
        assertThat(calendar.path("kind").asText()).isEqualTo("ics");
        assertThat(calendar.path("url").asText()).isEqualTo("https://calendar.example.com/…");
        assertThat(calendar.path("rep").path("email").asText()).isEqualTo("jane@example.com");
        assertThat(shown.body()).doesNotContain("private-0a1b2c");
    }

    @Test
    void anAdminSetsShowsAndRemovesACalDavCalendarAuditedWithoutThePassword() throws Exception {
        HttpResponse<String> set = put("omar@example.com",
                "{\"caldav\":\"https://dav.example.com/omar/work/\",\"user\":\"omar\",\"password\":\"s3cret-Pa55\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        JsonNode calendar = JSON.readTree(set.body());
        assertThat(calendar.path("kind").asText()).isEqualTo("caldav");
        assertThat(calendar.path("url").asText()).isEqualTo("https://dav.example.com/omar/work/");
        assertThat(calendar.path("user").asText()).isEqualTo("omar");
        assertThat(calendar.has("password")).isFalse();
        assertThat(calendar.has("lastRead")).isTrue();
        assertThat(calendar.has("lastError")).isTrue();
        assertThat(server.get("/api/v1/reps/omar@example.com/calendar").body()).doesNotContain("s3cret-Pa55").contains("dav.example.com");

        assertThat(delete("omar@example.com").statusCode()).isEqualTo(204);
        assertThat(server.get("/api/v1/reps/omar@example.com/calendar").statusCode()).isEqualTo(404);
        HttpResponse<String> again = delete("omar@example.com");
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("calendar of rep omar@example.com not found");

        List<AuditEntry> audit = new JooqAuditLog(server.database().dsl()).forEntity("rep", "omar@example.com");
        assertThat(audit).extracting(AuditEntry::action).containsSubsequence("calendar set", "calendar removed");
        assertThat(audit.toString()).doesNotContain("s3cret-Pa55").contains("https://dav.example.com/omar/work/");
        assertThat(audit.get(audit.size() - 1).actor().toString()).contains("bootstrap");
    }

    @Test
    void badCalendarsAreRefusedWithWhatIsWrong() {
        assertRefused(put("omar@example.com", "{\"caldav\":\"https://dav.example.com/\",\"user\":\"o\",\"password\":\"p\",\"ics\":\"https://x.example.com/a.ics\"}"),
                400, "give exactly one of caldav (with user and password) and ics (a free/busy address)");
        assertRefused(put("omar@example.com", "{}"), 400, "give exactly one of caldav");
        assertRefused(put("omar@example.com", "{\"ics\":\"ftp://files.example.com/a.ics\"}"), 400, "must be an absolute http(s) URL");
        assertRefused(put("omar@example.com", "{\"ics\":\"/relative/a.ics\"}"), 400, "must be an absolute http(s) URL");
        assertRefused(put("omar@example.com", "{\"ics\":\"https://exa mple.com/a.ics\"}"), 400, "is not a URL");
        assertRefused(put("omar@example.com", "{\"ics\":\"https://user:pw@example.com/a.ics\"}"), 400, "must not hold a user or password");
        assertRefused(put("omar@example.com", "{\"caldav\":\"https://dav.example.com/omar/\",\"user\":\"omar\"}"), 400,
                "password", "is required with caldav");
        assertRefused(put("omar@example.com", "{\"ics\":\"https://x.example.com/a.ics\",\"password\":\"p\"}"), 400, "goes with caldav only");
        assertRefused(put("omar@example.com", "{\"ics\":\"https://x.example.com/a.ics\",\"colour\":\"red\"}"), 400, "colour");
        assertRefused(put("omar@example.com", "not json"), 400, "JSON");
        assertRefused(put("omar@example.com", "null"), 400, "send {\\\"caldav\\\"");
        assertRefused(put("nobody@example.com", "{\"ics\":\"https://x.example.com/a.ics\"}"), 404, "rep nobody@example.com not found");
        assertRefused(put("99999", "{\"ics\":\"https://x.example.com/a.ics\"}"), 404, "rep 99999 not found");
        HttpResponse<String> asRep = server.send(HttpRequest.newBuilder(server.uri("/api/v1/reps/jane@example.com/calendar"))
                .header("Authorization", "Bearer " + janesToken).GET().build());
        assertRefused(asRep, 403, "this needs an ADMIN token");
    }

    private static void assertRefused(HttpResponse<String> response, int status, String... texts) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains(texts).doesNotContain("Exception").doesNotContain("java.");
    }

    @Test
    void leadlineYmlCheckNamesTheLineOfABadCalendar() {
        ConfigFileCheck.Result checked = ConfigFileCheck.check("""
                reps:
                  - email: jane@example.com
                    name: Jane Rivera
                    calendar:
                      caldav: https://dav.example.com/jane/
                      user: jane
                  - email: omar@example.com
                    name: Omar Haddad
                    calendar: {ics: "webcal://example.com/a.ics"}
                """);

        assertThat(checked.problems()).extracting(p -> p.line() + " " + p.path() + " " + p.message()).containsExactly(
                "4 reps[0].calendar.password is required with caldav (1-1000 characters)",
                "9 reps[1].calendar.ics must be an absolute http(s) URL like https://calendar.example.com/...");
    }
}
