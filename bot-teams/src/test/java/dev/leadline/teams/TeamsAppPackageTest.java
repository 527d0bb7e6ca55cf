package dev.leadline.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeamsAppPackageTest {
    private static final String APP_ID = "11111111-2222-3333-4444-555555555555";

    @Test
    void thePackageHasTheManifestWithTheBotIdAndBothIconsAtItsRoot(@TempDir Path dir) throws IOException {
        Path zip = dir.resolve("app.zip");
        TeamsAppPackage.write(zip, APP_ID, "0.3.0-SNAPSHOT");

        Map<String, byte[]> files = new HashMap<>();
        try (ZipFile read = new ZipFile(zip.toFile())) {
            read.stream().forEach(e -> {
                try {
                    files.put(e.getName(), read.getInputStream(e).readAllBytes());
                } catch (IOException ex) {
                    throw new IllegalStateException(ex);
                }
            });
        }
        assertThat(files).containsOnlyKeys("manifest.json", "color.png", "outline.png");
        JsonNode manifest = new ObjectMapper().readTree(files.get("manifest.json"));
        assertThat(manifest.path("bots").get(0).path("botId").asText()).isEqualTo(APP_ID);
        assertThat(manifest.path("id").asText()).matches("[0-9a-f-]{36}").isNotEqualTo(APP_ID).isNotEqualTo("00000000-0000-0000-0000-000000000000");
        assertThat(manifest.path("version").asText()).isEqualTo("0.3.0");
        assertThat(manifest.path("icons").path("color").asText()).isEqualTo("color.png");
        assertThat(manifest.path("name").path("short").asText().length()).isLessThanOrEqualTo(30);
        BufferedImage color = ImageIO.read(new ByteArrayInputStream(files.get("color.png")));
        BufferedImage outline = ImageIO.read(new ByteArrayInputStream(files.get("outline.png")));
        assertThat(color.getWidth()).isEqualTo(192);
        assertThat(outline.getWidth()).isEqualTo(32);
        assertThat(outline.getRGB(0, 0) >>> 24).as("the outline icon's background is transparent").isZero();

        Path again = dir.resolve("again.zip");
        TeamsAppPackage.write(again, APP_ID, "0.3.0");
        try (ZipFile read = new ZipFile(again.toFile())) {
            assertThat(new ObjectMapper().readTree(read.getInputStream(read.getEntry("manifest.json"))).path("id").asText())
                    .as("the same bot always makes the same Teams app").isEqualTo(manifest.path("id").asText());
        }
    }

    @Test
    void aPackageWithoutAProperAppIdIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> TeamsAppPackage.write(dir.resolve("app.zip"), "my-bot", "0.1.0"))
                .hasMessageContaining("Microsoft App ID");
    }
}
