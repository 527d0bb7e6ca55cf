package dev.leadline.server.plugins;

import dev.leadline.core.common.LeadlineException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.pf4j.PluginRepository;
import org.pf4j.util.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What pf4j loads at start-up from each plugin root: folders, jars, and zips unpacked into the folder
 * of their stem. pf4j's own repository unpacks every zip it finds, whatever its name (a stem of
 * {@code ..} is the root's parent, deleted before unpacking) or size; this one takes only an archive
 * whose name is one ({@link ArchiveName}) and that passes the checks an upload passes, and leaves
 * any other out with a log line. Hidden files and folders are left out, as pf4j does.
 */
final class CheckedPluginRepository implements PluginRepository {
    private static final Logger log = LoggerFactory.getLogger(CheckedPluginRepository.class);
    /** Where pf4j remembers the plugins turned off and on (a plugin disabled in the console or the API): ours, not strangers. */
    private static final Set<String> STATUS_FILES = Set.of("disabled.txt", "enabled.txt");
    private final List<Path> roots;
    private final PluginLimits limits;

    CheckedPluginRepository(List<Path> roots, PluginLimits limits) {
        this.roots = List.copyOf(roots);
        this.limits = limits;
    }

    @Override
    public List<Path> getPluginPaths() {
        Set<Path> paths = new LinkedHashSet<>();
        for (Path root : roots) {
            List<String> strangers = new ArrayList<>();
            for (Path path : visible(root)) {
                if (Files.isDirectory(path)) {
                    if (isPluginFolder(path)) {
                        paths.add(path);
                    } else if (!isArchiveStem(path)) {
                        strangers.add(path.getFileName().toString());
                    }
                } else if (path.toString().endsWith(".zip") || path.toString().endsWith(".jar")) {
                    accepted(path).ifPresent(paths::add);
                } else if (!STATUS_FILES.contains(path.getFileName().toString())) {
                    strangers.add(path.getFileName().toString());
                }
            }
            if (!strangers.isEmpty()) {
                log.warn("{} holds {} entries that are not plugin archives or plugin folders; left out: {}", root, strangers.size(),
                        strangers.size() <= 10 ? strangers : strangers.subList(0, 10) + " …");
            }
        }
        return new ArrayList<>(paths);
    }

    @Override
    public boolean deletePluginPath(Path pluginPath) {
        throw new UnsupportedOperationException("a plugin is removed by deleting its archive from the plugins directory");
    }

    /** A folder pf4j can read a plugin descriptor from: {@code plugin.properties} or a manifest naming a Plugin-Id. */
    private static boolean isPluginFolder(Path folder) {
        if (Files.isRegularFile(folder.resolve("plugin.properties"))) {
            return true;
        }
        Path manifest = folder.resolve("META-INF").resolve("MANIFEST.MF");
        try {
            return Files.isRegularFile(manifest) && Files.readString(manifest).contains("Plugin-Id:");
        } catch (IOException e) {
            return false;
        }
    }

    /** The folder a zip beside it was unpacked into (a broken one is reported with its archive, not again). */
    private static boolean isArchiveStem(Path folder) {
        Path parent = folder.getParent();
        String name = folder.getFileName().toString();
        return Files.exists(parent.resolve(name + ".zip"));
    }

    /** The archive as pf4j loads it (a zip's folder, a jar itself), or empty when it is left out. */
    private Optional<Path> accepted(Path archive) {
        try {
            ArchiveName.parse(archive.getFileName().toString());
            PluginArchives.inspect(archive, limits);
            return Optional.of(FileUtils.expandIfZip(archive));
        } catch (LeadlineException | IOException e) {
            log.error("plugin archive {} left out: {}", archive, e.getMessage());
            return Optional.empty();
        }
    }

    private static List<Path> visible(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(root)) {
            return files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the plugins in " + root + ": " + e.getMessage(), e);
        }
    }
}
