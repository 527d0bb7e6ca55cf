package dev.leadline.plugin.testkit;

import dev.leadline.plugin.CrmConnector;
import dev.leadline.plugin.EnrichmentProvider;
import dev.leadline.plugin.MessageDrafter;
import dev.leadline.plugin.PluginApi;
import dev.leadline.plugin.ScoringProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;

/**
 * A built plugin archive loaded the way the Leadline server loads it (pf4j, deployment mode, the
 * SPI's version as the system version, the plugin's own class loader), to check in a test that the
 * archive is complete: descriptor, extension index, libraries.
 *
 * <pre>{@code
 * try (PluginArchive plugin = PluginArchive.load(Path.of("target/my-plugin-1.0.0-plugin.zip"))) {
 *     EnrichmentProvider provider = plugin.enrichmentProviders().get(0);
 * }
 * }</pre>
 */
public final class PluginArchive implements AutoCloseable {
    private final PluginManager manager;
    private final String pluginId;
    private final Path dir;

    private PluginArchive(PluginManager manager, String pluginId, Path dir) {
        this.manager = manager;
        this.pluginId = pluginId;
        this.dir = dir;
    }

    /** Loads and starts the archive (a copy, in a temporary plugins directory); fails if it does not start. */
    public static PluginArchive load(Path archive) {
        try {
            Path dir = Files.createTempDirectory("leadline-plugin-test");
            Path copy = Files.copy(archive, dir.resolve(archive.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            PluginManager manager = new DefaultPluginManager(List.of(dir));
            manager.setSystemVersion(PluginApi.VERSION);
            String id = manager.loadPlugin(copy);
            PluginState state = manager.startPlugin(id);
            if (state != PluginState.STARTED) {
                throw new IllegalStateException("plugin " + id + " did not start: " + state
                        + (manager.getPlugin(id).getFailedException() == null ? "" : " (" + manager.getPlugin(id).getFailedException() + ")"));
            }
            return new PluginArchive(manager, id, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String pluginId() {
        return pluginId;
    }

    public String version() {
        return manager.getPlugin(pluginId).getDescriptor().getVersion();
    }

    public List<EnrichmentProvider> enrichmentProviders() {
        return manager.getExtensions(EnrichmentProvider.class, pluginId);
    }

    public List<ScoringProvider> scoringProviders() {
        return manager.getExtensions(ScoringProvider.class, pluginId);
    }

    /** The plugin's email drafters (SPI 1.3.0). */
    public List<MessageDrafter> messageDrafters() {
        return manager.getExtensions(MessageDrafter.class, pluginId);
    }

    /** The plugin's CRM connectors (SPI 1.4.0). */
    public List<CrmConnector> crmConnectors() {
        return manager.getExtensions(CrmConnector.class, pluginId);
    }

    @Override
    public void close() {
        manager.unloadPlugin(pluginId);
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
