package dev.leadline.server.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The plugin archives shipped inside the server jar, unpacked where pf4j loads them from. */
final class BundledPlugins {
    private static final Logger log = LoggerFactory.getLogger(BundledPlugins.class);
    /** The archives bundled with the server, as resources of its jar. */
    static final List<String> BUNDLED = List.of("enrich-email.zip", "enrich-http.zip", "score-rules.zip", "score-bayes.zip",
            "draft-openai-compatible.zip", "crm-hubspot.zip", "crm-salesforce.zip");

    private BundledPlugins() {}

    /** Writes the bundled archives into {@code dir} when they differ from what is there; returns {@code dir}. */
    static Path unpack(Path dir) {
        try {
            Files.createDirectories(dir);
            PluginFolder folder = new PluginFolder(dir);
            for (String archive : BUNDLED) {
                try (InputStream in = PluginHost.class.getResourceAsStream("/bundled-plugins/" + archive)) {
                    if (in == null) {
                        log.warn("bundled plugin {} is missing from this build", archive);
                        continue;
                    }
                    Path target = folder.child(archive);
                    byte[] bytes = in.readAllBytes();
                    if (!Files.exists(target) || !java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
                        Files.write(target, bytes);
                        // pf4j unpacks a zip into a folder of the same name once; a new archive needs a fresh folder
                        folder.delete(ArchiveName.parse(archive).stem());
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the bundled plugins into " + dir + ": " + e.getMessage(), e);
        }
    }
}
