package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.server.TestPlugin;
import dev.leadline.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Plugins page over HTTP as a browser sends it: an admin sees each plugin with its state and its settings as
 * resolved (secrets masked), disables and enables one and adds a plugin archive through a file input, as the API
 * does; reps and managers are refused, and so is a change without the CSRF token.
 */
class ConsolePluginsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;
    private static ConsoleFixture console;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("LEADLINE_PLUGIN_ENRICH_EMAIL_DEFAULT_REGION", "GB", "LEADLINE_PLUGIN_ENRICH_HTTP_API_KEY", "s3cret-value"));
        console = new ConsoleFixture(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anAdminSeesEachPluginWithItsStateAndSettingsSecretsMasked() {
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        HttpResponse<String> page = console.get("/console/admin/plugins", ada.cookie());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("href=\"/console/admin/plugins\">Plugins</a>");
        assertThat(row(page.body(), "data-plugin=\"enrich-email\"")).contains("started").contains("enrichment:email").contains("Disable enrich-email");
        assertThat(row(page.body(), "data-setting=\"defaultRegion\"")).contains("GB").contains("environment");
        assertThat(row(page.body(), "data-setting=\"apiKey\"")).contains("••••").contains("environment");
        assertThat(page.body()).doesNotContain("s3cret-value");
    }

    @Test
    void anAdminDisablesAndEnablesAPluginAsTheApiDoes() throws Exception {
        ConsoleFixture.Session ada = console.signIn("ada@example.com");

        HttpResponse<String> disabled = console.post("/console/admin/plugins/score-rules/disable", ada.cookie(), Map.of("_csrf", ada.csrf()));
        assertThat(disabled.statusCode()).isEqualTo(303);
        assertThat(state("score-rules")).isEqualTo("DISABLED");
        String page = console.get(disabled.headers().firstValue("Location").orElseThrow(), ada.cookie()).body();
        assertThat(page).contains("Disabled score-rules.");
        assertThat(row(page, "data-plugin=\"score-rules\"")).contains("disabled").contains("Enable score-rules");

        HttpResponse<String> enabled = console.post("/console/admin/plugins/score-rules/enable", ada.cookie(), Map.of("_csrf", ada.csrf()));
        assertThat(enabled.statusCode()).isEqualTo(303);
        assertThat(state("score-rules")).isEqualTo("STARTED");
    }

    @Test
    void anAdminAddsAPluginArchiveAndARefusedOneIsNotKept(@TempDir Path dir) throws Exception {
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        Path archive = TestPlugin.build(dir, "hello", Map.of("Hello", "@org.pf4j.Extension public class Hello implements dev.leadline.plugin.ScoringProvider {\n"
                + " public String id() { return \"hello\"; }\n"
                + " public dev.leadline.plugin.Score score(dev.leadline.plugin.LeadSnapshot l, dev.leadline.plugin.ActivitySummary a,"
                + " dev.leadline.plugin.ProviderContext c) { return dev.leadline.plugin.Score.abstain(\"hello\"); } }"));

        HttpResponse<String> added = upload(ada, "hello-1.0.0.zip", Files.readAllBytes(archive), true);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(303);
        assertThat(state("hello")).isEqualTo("STARTED");
        assertThat(console.get(added.headers().firstValue("Location").orElseThrow(), ada.cookie()).body()).contains("data-plugin=\"hello\"")
                .contains("Added hello.");

        HttpResponse<String> notAPlugin = upload(ada, "junk-1.0.0.zip", "not a zip".getBytes(StandardCharsets.UTF_8), true);
        assertThat(notAPlugin.statusCode()).isEqualTo(422);
        assertThat(notAPlugin.body()).contains("Not added:");
        assertThat(server.get("/api/v1/plugins/junk").statusCode()).isEqualTo(404);

        HttpResponse<String> forged = upload(ada, "other-1.0.0.zip", Files.readAllBytes(archive), false);
        assertThat(forged.statusCode()).isEqualTo(403);
    }

    @Test
    void aStatusMessageIsShownOnlyForAPluginThatExistsAndIsInThatState() throws Exception {
        ConsoleFixture.Session ada = console.signIn("ada@example.com");
        assertThat(state("score-rules")).isEqualTo("STARTED");

        assertThat(console.get("/console/admin/plugins?disabled=made-up", ada.cookie()).body()).doesNotContain("Disabled made-up");
        assertThat(console.get("/console/admin/plugins?enabled=made-up", ada.cookie()).body()).doesNotContain("Enabled made-up");
        assertThat(console.get("/console/admin/plugins?installed=made-up", ada.cookie()).body()).doesNotContain("Added made-up");
        assertThat(console.get("/console/admin/plugins?disabled=score-rules", ada.cookie()).body()).doesNotContain("Disabled score-rules.");
        assertThat(console.get("/console/admin/plugins?enabled=score-rules", ada.cookie()).body()).contains("Enabled score-rules.");
    }

    @Test
    void repsManagersAndRequestsWithoutTheCsrfTokenAreRefused() throws Exception {
        ConsoleFixture.Session jane = console.signIn("jane@example.com");
        ConsoleFixture.Session max = console.signIn("max@example.com");
        ConsoleFixture.Session ada = console.signIn("ada@example.com");

        assertThat(console.get("/console/admin/plugins", jane.cookie()).statusCode()).isEqualTo(403);
        assertThat(console.get("/console/admin/plugins", max.cookie()).statusCode()).isEqualTo(403);
        assertThat(console.get("/console", max.cookie()).body()).doesNotContain("/console/admin/plugins");
        assertThat(console.post("/console/admin/plugins/enrich-email/disable", max.cookie(), Map.of("_csrf", max.csrf())).statusCode()).isEqualTo(403);
        assertThat(console.post("/console/admin/plugins/enrich-email/disable", ada.cookie(), Map.of()).statusCode()).isEqualTo(403);
        assertThat(state("enrich-email")).isEqualTo("STARTED");
    }

    private static String state(String id) throws Exception {
        return JSON.readTree(server.get("/api/v1/plugins/" + id).body()).path("state").asText();
    }

    /** The table row (or section) that starts at {@code marker}. */
    private static String row(String page, String marker) {
        int at = page.indexOf(marker);
        assertThat(at).as(marker).isNotNegative();
        return page.substring(at, page.indexOf("</tr>", at));
    }

    /** A file input's form as the browser posts it: multipart, with the CSRF token as a field unless {@code csrf} is false. */
    private static HttpResponse<String> upload(ConsoleFixture.Session session, String fileName, byte[] content, boolean csrf) throws Exception {
        String boundary = "----leadline" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (csrf) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + session.csrf() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"archive\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return server.send(HttpRequest.newBuilder(server.uri("/console/admin/plugins")).header("Cookie", session.cookie())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
    }
}
