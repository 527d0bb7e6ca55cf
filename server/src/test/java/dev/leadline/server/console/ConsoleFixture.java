package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.RepSpec;
import dev.leadline.server.TestServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server with three reps (Jane and Omar work the Inbound queue; Mia works no queue), a manager (Max), an
 * admin (Ada) and ways to sign them in.
 */
final class ConsoleFixture {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private static final List<RepSpec> REPS = List.of(
            new RepSpec("jane@example.com", "Jane Rivera", null, null, null, true, "REP", Map.of()),
            new RepSpec("omar@example.com", "Omar Haddad", null, null, null, true, "REP", Map.of()),
            new RepSpec("mia@example.com", "Mia Chen", null, null, null, true, "REP", Map.of()),
            new RepSpec("max@example.com", "Max Boss", null, null, null, true, "MANAGER", Map.of()),
            new RepSpec("ada@example.com", "Ada Admin", null, null, null, true, "ADMIN", Map.of()));
    final TestServer server;

    ConsoleFixture(TestServer server) {
        this.server = server;
        server.services().team().apply(REPS, List.of(new QueueSpec("Inbound", null, List.of("jane@example.com", "omar@example.com"))),
                Actor.cli("test"));
    }

    /** Inbound hands its leads out by weight instead of offering them to both: Jane 2, Omar 1. */
    void weightedInbound() {
        server.services().team().apply(REPS, List.of(new QueueSpec("Inbound", null, List.of("jane@example.com", "omar@example.com"), Map.of(),
                "weighted", Map.of("jane@example.com", 2, "omar@example.com", 1), null, null)), Actor.cli("test"));
    }

    Rep rep(String email) {
        return server.services().team().repByEmail(email).orElseThrow();
    }

    /** A sign-in link for the rep, as chat answers {@code /lead console}. */
    String link(String email) {
        String text = server.services().chat().handle("/lead console", rep(email)).message().lines().stream()
                .flatMap(line -> line.spans().stream()).filter(span -> span instanceof dev.leadline.core.chat.Rich.Link)
                .map(span -> ((dev.leadline.core.chat.Rich.Link) span).url()).findFirst().orElseThrow();
        return text;
    }

    /** The secret at the end of a link. */
    static String secret(String link) {
        return link.substring(link.lastIndexOf('/') + 1);
    }

    /** A new lead offered to Inbound, unclaimed; its reference ({@code L-42}). */
    String offeredLead(String lastName) throws Exception {
        HttpResponse<String> created = server.postJson("/api/v1/leads", "{\"lastName\":\"" + lastName + "\",\"company\":\"Navy\"}");
        String id = JSON.readTree(created.body()).path("id").asText();
        HttpResponse<String> offered = server.postJson("/api/v1/leads/" + id + "/assign", "{\"rep\":\"max@example.com\",\"queue\":\"Inbound\"}");
        assertThat(offered.statusCode()).as(offered.body()).isEqualTo(200);
        return id;
    }

    /** A signed-in browser, as far as plain HTTP goes: its cookie and the CSRF token its pages carry. */
    record Session(String cookie, String csrf) {}

    HttpResponse<String> redeem(String link) {
        return post("/console/sign-in", null, Map.of("link", secret(link)));
    }

    Session signIn(String email) {
        HttpResponse<String> in = redeem(link(email));
        assertThat(in.statusCode()).as(in.body()).isEqualTo(303);
        String cookie = in.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> page = get("/console", cookie);
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).as(page.body()).isTrue();
        return new Session(cookie, csrf.group(1));
    }

    HttpResponse<String> get(String path, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return server.send(request.build());
    }

    /** A GET as a browser opening a page sends it: a refusal comes back as a console page. */
    HttpResponse<String> open(String path, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).header("Accept", "text/html").GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return server.send(request.build());
    }

    HttpResponse<String> post(String path, String cookie, Map<String, String> form) {
        return send(HttpRequest.newBuilder(server.uri(path)), cookie, form);
    }

    HttpResponse<String> send(HttpRequest.Builder request, String cookie, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        request.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return server.send(request.build());
    }

    URI uri(String path) {
        return server.uri(path);
    }
}
