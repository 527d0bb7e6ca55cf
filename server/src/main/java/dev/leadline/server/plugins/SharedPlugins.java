package dev.leadline.server.plugins;

import dev.leadline.db.JooqPluginShelf;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the plugins of several nodes alike: an archive added through the API on one node is kept in the
 * database and added on every other node (and on nodes started later), and a plugin turned on or off on
 * one is turned so on all, within {@link #EVERY}. Archives put in a node's plugins folder by hand stay that node's.
 */
public final class SharedPlugins implements AutoCloseable {
    static final Duration EVERY = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(SharedPlugins.class);

    private final PluginHost host;
    private final JooqPluginShelf shelf;
    private final Clock clock;
    private final Map<String, Boolean> followed = new java.util.concurrent.ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "plugin-sync");
        thread.setDaemon(true);
        return thread;
    });

    private SharedPlugins(PluginHost host, JooqPluginShelf shelf, Clock clock) {
        this.host = host;
        this.shelf = shelf;
        this.clock = clock;
    }

    /** Catches this node up with the others now, then every {@link #EVERY}, and tells them of its own changes. */
    public static SharedPlugins start(PluginHost host, JooqPluginShelf shelf, Clock clock) {
        SharedPlugins shared = new SharedPlugins(host, shelf, clock);
        host.share(shared.sharing());
        shared.catchUp();
        shared.timer.scheduleWithFixedDelay(shared::catchUpQuietly, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return shared;
    }

    private PluginHost.Sharing sharing() {
        return new PluginHost.Sharing() {
            @Override
            public void added(ArchiveName name, String pluginId, Path archive) {
                try {
                    byte[] content = Files.readAllBytes(archive);
                    shelf.add(new JooqPluginShelf.Archive(name.fileName(), pluginId, sha256(content)), content, clock.instant());
                    shelf.switchTo(pluginId, true, clock.instant());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + name.fileName() + " back: " + e.getMessage(), e);
                }
            }

            @Override
            public void switched(String pluginId, boolean enabled) {
                shelf.switchTo(pluginId, enabled, clock.instant());
            }
        };
    }

    /** Adds the archives this node lacks, then follows every switch. */
    void catchUp() {
        Map<String, Boolean> switches = shelf.switches();
        for (JooqPluginShelf.Archive archive : shelf.archives()) {
            if (host.has(archive.pluginId(), archive.fileName())) {
                continue;
            }
            byte[] content = shelf.content(archive.fileName()).orElse(null);
            if (content == null || !sha256(content).equals(archive.sha256())) {
                log.warn("plugin archive {} in the database does not match its checksum; not added here", archive.fileName());
                continue;
            }
            try {
                host.addShared(archive.fileName(), new ByteArrayInputStream(content), switches.getOrDefault(archive.pluginId(), true));
            } catch (RuntimeException e) {
                log.warn("plugin archive {} added on another node could not be added here: {}", archive.fileName(), e.getMessage());
            }
        }
        // a switch is followed when it changes, not at every look (a plugin that cannot start is not retried every 5 s)
        switches.forEach((id, on) -> {
            if (!on.equals(followed.put(id, on))) {
                host.turn(id, on);
            }
        });
    }

    private void catchUpQuietly() {
        try {
            catchUp();
        } catch (RuntimeException e) {
            log.debug("plugins not caught up with the other nodes this time: {}", e.toString());
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
