package dev.leadline.server.plugins;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the plugin archives (zip or jar) found in the plugins directory and starts them. */
public final class PluginHost implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);
    private final PluginManager manager;

    private PluginHost(PluginManager manager) {
        this.manager = manager;
    }

    public static PluginHost load(Path pluginsDir) {
        PluginManager manager = new DefaultPluginManager(List.of(pluginsDir.toAbsolutePath()));
        if (Files.isDirectory(pluginsDir)) {
            manager.loadPlugins();
            manager.startPlugins();
        }
        log.info("{} plugin(s) loaded from {}", manager.getPlugins().size(), pluginsDir.toAbsolutePath());
        return new PluginHost(manager);
    }

    /** One loaded plugin as the API shows it. */
    public record PluginInfo(String id, String version, String state) {}

    public List<PluginInfo> plugins() {
        return manager.getPlugins().stream().map(PluginHost::info).toList();
    }

    private static PluginInfo info(PluginWrapper plugin) {
        return new PluginInfo(plugin.getPluginId(), plugin.getDescriptor().getVersion(), plugin.getPluginState().toString());
    }

    @Override
    public void close() {
        manager.stopPlugins();
        manager.unloadPlugins();
    }
}
