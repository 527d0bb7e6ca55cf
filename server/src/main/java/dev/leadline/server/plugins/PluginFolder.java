package dev.leadline.server.plugins;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A folder the plugin host writes archives and unpacked plugins into. Every path it writes or deletes
 * comes from here: a direct child of the folder, named by one file name (never the folder itself,
 * never its parent, never a path elsewhere), and a tree is deleted without following links, so
 * nothing outside the folder is ever deleted.
 */
final class PluginFolder {
    private final Path root;

    PluginFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /** The child named {@code name}; anything that would resolve elsewhere is a bug, refused. */
    Path child(String name) {
        Path path = root.resolve(name).normalize();
        if (name.isEmpty() || !root.equals(path.getParent())) {
            throw new IllegalArgumentException("not a file name inside the plugins folder: '" + name + "'");
        }
        return path;
    }

    boolean exists(String name) {
        return Files.exists(child(name), LinkOption.NOFOLLOW_LINKS);
    }

    /** A new empty file, hidden from pf4j (its name starts with a dot and does not end in .zip or .jar). */
    Path newTemporaryFile() throws IOException {
        Files.createDirectories(root);
        return child(Files.createTempFile(root, ".upload-", ".tmp").getFileName().toString());
    }

    /** Deletes the child and, when it is a folder, everything in it; a link is deleted, never followed. */
    void delete(String name) throws IOException {
        Path path = child(name);
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
