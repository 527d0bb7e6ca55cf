package dev.leadline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plugin uploads as an attacker would send them (names that climb out of the plugins directory,
 * oversized bodies, zip bombs, entries that climb out of the archive), the same archives left in the
 * plugins directory for the next start, and a plugin that gets stuck: each upload is refused with a
 * JSON error, nothing outside the plugins directory is touched, and the stuck plugin's circuit opens.
 */
class PluginUploadSecurityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_UPLOAD = 1_048_576;
    private static TestServer server;
    private static Path pluginsDir;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.start(Map.of("LEADLINE_MAX_PLUGIN_BYTES", String.valueOf(MAX_UPLOAD),
                "LEADLINE_MAX_PLUGIN_EXPANDED_BYTES", String.valueOf(8 * MAX_UPLOAD), "LEADLINE_MAX_PLUGIN_ENTRIES", "100",
                "LEADLINE_PROVIDER_TIMEOUT_MS", "200"));
        pluginsDir = Path.of(server.env().get("LEADLINE_PLUGINS_DIR"));
        Files.createDirectories(pluginsDir);
        Files.writeString(pluginsDir.resolve("keep.txt"), "inside the plugins directory");
        Files.writeString(pluginsDir.resolveSibling("canary.txt"), "beside the plugins directory");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {".zip", "..zip", "...zip", "....zip", "..jar", "../x.zip", "/tmp/x.zip", "a/../../x.zip", ".hidden.zip", "a..b.zip"})
    void anArchiveNameThatIsOnlyDotsOrHasASeparatorIsRefusedAndNothingIsDeleted(String name) throws IOException {
        Set<String> before = listing(pluginsDir);

        HttpResponse<String> refused = upload(name, zip(Map.of("plugin.properties", "plugin.id=x\nplugin.version=1.0.0\n")));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).path("fields").get(0).path("field").asText()).isEqualTo("name");
        assertThat(Path.of(server.env().get("LEADLINE_DATA_DIR"))).isDirectory();
        assertThat(pluginsDir.resolveSibling("canary.txt")).exists();
        assertThat(listing(pluginsDir)).isEqualTo(before);
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void aNameOfThreeHundredCharactersIsRefusedNamingTheFieldAndItsLimit() throws IOException {
        HttpResponse<String> refused = upload("p".repeat(296) + ".zip", new byte[] {1});

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(refused.body()).path("fields").get(0);
        assertThat(error.path("field").asText()).isEqualTo("name");
        assertThat(error.path("message").asText()).contains("100 characters");
    }

    @Test
    void anUploadOverTheLimitIs413AndLeavesNoTemporaryFile() throws IOException {
        Set<String> before = listing(pluginsDir);
        byte[] body = new byte[MAX_UPLOAD + 100_000];

        HttpResponse<String> sized = upload("large-1.0.0.zip", body);
        HttpResponse<String> streamed = server.send(server.request("/api/v1/plugins?name=large-1.0.0.zip")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());

        for (HttpResponse<String> refused : java.util.List.of(sized, streamed)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
            assertThat(JSON.readTree(refused.body()).path("message").asText()).contains("LEADLINE_MAX_PLUGIN_BYTES");
        }
        assertThat(listing(pluginsDir)).isEqualTo(before);
    }

    @Test
    void aZipBombIsRefusedBeforeAnythingIsUnpacked() throws IOException {
        Set<String> before = listing(pluginsDir);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("plugin.properties"));
            zip.write("plugin.id=bomb\nplugin.version=1.0.0\n".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("lib/zeros.bin"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                zip.write(zeros);
            }
        }
        assertThat(bytes.size()).as("small enough to pass the upload limit").isLessThan(MAX_UPLOAD);

        HttpResponse<String> refused = upload("bomb-1.0.0.zip", bytes.toByteArray());

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
        assertThat(JSON.readTree(refused.body()).path("message").asText()).contains("LEADLINE_MAX_PLUGIN_EXPANDED_BYTES");
        assertThat(listing(pluginsDir)).isEqualTo(before);
        assertThat(server.get("/api/v1/plugins/bomb").statusCode()).isEqualTo(404);
    }

    @Test
    void anArchiveWithMoreEntriesThanTheLimitIsRefused() throws IOException {
        Set<String> before = listing(pluginsDir);
        Map<String, String> entries = new java.util.HashMap<>();
        for (int i = 0; i <= 100; i++) {
            entries.put("classes/C" + i + ".class", "");
        }

        HttpResponse<String> refused = upload("many-1.0.0.zip", zip(entries));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
        assertThat(JSON.readTree(refused.body()).path("message").asText()).contains("LEADLINE_MAX_PLUGIN_ENTRIES");
        assertThat(listing(pluginsDir)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../escaped.txt", "classes/../../escaped.txt", "/tmp/escaped.txt", "..\\escaped.txt", "C:/escaped.txt"})
    void anArchiveEntryThatClimbsOutOfTheArchiveIsRefusedAndNothingIsWritten(String entry) throws IOException {
        Set<String> before = listing(pluginsDir);
        Set<String> beside = listing(pluginsDir.getParent());

        HttpResponse<String> refused = upload("slip-1.0.0.zip", zip(Map.of("plugin.properties", "plugin.id=slip\nplugin.version=1.0.0\n",
                entry, "written outside")));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).path("fields").get(0).path("field").asText()).isEqualTo("body");
        assertThat(listing(pluginsDir)).isEqualTo(before);
        assertThat(listing(pluginsDir.getParent())).isEqualTo(beside);
        assertThat(Path.of("/tmp/escaped.txt")).doesNotExist();
    }

    @Test
    void anArchiveThatIsNotAPluginIsRefusedWithoutNamingAServerPathAndNotKept() throws IOException {
        Set<String> before = listing(pluginsDir);

        HttpResponse<String> refused = upload("readme-1.0.0.zip", zip(Map.of("readme.txt", "no plugin here")));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("not a Leadline plugin").doesNotContain(pluginsDir.getParent().toString())
                .doesNotContain("org.pf4j");
        assertThat(listing(pluginsDir)).isEqualTo(before);
    }

    @Test
    void anArchiveLeftInThePluginsDirectoryWithADotsNameOrAsAZipBombIsLeftOutAtStartUp(@TempDir Path dir) throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("canary.txt"), "beside the plugins directory");
        Files.write(plugins.resolve("...zip"), zip(Map.of("plugin.properties", "plugin.id=dots\nplugin.version=1.0.0\n")));
        Files.write(plugins.resolve("bomb-1.0.0.zip"), zip(Map.of("plugin.properties", "plugin.id=bomb\nplugin.version=1.0.0\n",
                "lib/zeros.txt", "0".repeat(9 * MAX_UPLOAD))));
        // copied in after the folders were made: pf4j unpacks a zip newer than the folder of its stem
        Files.setLastModifiedTime(plugins.resolve("...zip"), java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(60)));

        try (TestServer started = TestServer.start(Map.of("LEADLINE_PLUGINS_DIR", plugins.toString(),
                "LEADLINE_DATA_DIR", dir.resolve("data").toString(), "LEADLINE_MAX_PLUGIN_EXPANDED_BYTES", String.valueOf(8 * MAX_UPLOAD)))) {
            assertThat(started.get("/health").statusCode()).isEqualTo(200);
            assertThat(started.get("/api/v1/plugins").body()).contains("enrich-email").doesNotContain("dots").doesNotContain("bomb");
        }

        assertThat(dir.resolve("canary.txt")).exists();
        assertThat(dir.resolve("data")).isDirectory();
        assertThat(listing(plugins)).containsExactlyInAnyOrder("...zip", "bomb-1.0.0.zip");
    }

    @Test
    void aStuckPluginsSkippedCallsCountAsErrorsAndOpenItsCircuit(@TempDir Path dir) throws Exception {
        Path archive = TestPlugin.build(dir, "stuck", Map.of("Stuck", "@org.pf4j.Extension public class Stuck"
                + " implements dev.leadline.plugin.EnrichmentProvider {\n"
                + " public String id() { return \"stuck\"; }\n"
                + " public java.util.Set<String> fills() { return java.util.Set.of(\"industry\"); }\n"
                + " public java.util.Set<String> needs() { return java.util.Set.of(\"email\"); }\n"
                + " public dev.leadline.plugin.Enrichment enrich(dev.leadline.plugin.LeadSnapshot l, dev.leadline.plugin.ProviderContext c) {\n"
                + "  long until = System.currentTimeMillis() + 20_000;\n"
                + "  while (System.currentTimeMillis() < until) { try { Thread.sleep(1_000); } catch (InterruptedException ignored) { } }\n"
                + "  return dev.leadline.plugin.Enrichment.none(); } }"));
        HttpResponse<String> installed = upload("stuck-1.0.0.zip", Files.readAllBytes(archive));
        assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);

        try {
            for (int i = 0; i < 14; i++) {
                assertThat(server.postJson("/api/v1/leads", "{\"lastName\":\"Stuck" + i + "\",\"email\":\"s" + i + "@stuck.example\"}")
                        .statusCode()).isEqualTo(201);
            }

            Awaitility.await("the stuck plugin's circuit opens").atMost(Duration.ofSeconds(30))
                    .until(() -> JSON.readTree(server.get("/api/v1/plugins/stuck").body()).path("circuits").path("stuck/stuck").asText(),
                            "OPEN"::equals);
            JsonNode plugin = JSON.readTree(server.get("/api/v1/plugins/stuck").body());
            assertThat(plugin.path("errors").asLong()).as("more than the 8 calls that hold the bulkhead: the skipped ones count")
                    .isGreaterThanOrEqualTo(10);
            assertThat(plugin.path("errors").asLong()).isEqualTo(plugin.path("calls").asLong());
        } finally {
            assertThat(server.postJson("/api/v1/plugins/stuck/disable", "").statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> upload(String name, byte[] body) {
        return server.send(server.request("/api/v1/plugins?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }

    private static Set<String> listing(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
