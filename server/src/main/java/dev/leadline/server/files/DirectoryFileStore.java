package dev.leadline.server.files;

import dev.leadline.core.files.FileStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files in a directory (by default {@code <data dir>/files}), one file per key. A file is renamed into
 * its place (or written beside it and then renamed, from another file system), so a reader never sees
 * half of one.
 */
public final class DirectoryFileStore implements FileStore {
    private final Path root;

    public DirectoryFileStore(Path root) throws IOException {
        this.root = Files.createDirectories(root).toAbsolutePath().normalize();
    }

    @Override
    public void put(String key, Path content, long size, String contentType) throws IOException {
        Path target = path(key);
        Files.createDirectories(target.getParent());
        try {
            // the spool is under the same data directory: a rename, not a second copy of the bytes
            Files.move(content, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return;
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            // another file system: copied beside the target, then renamed
        }
        Path partial = Files.createTempFile(target.getParent(), ".incoming-", ".part");
        try {
            Files.copy(content, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(path(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    @Override
    public String describe() {
        return root.toString();
    }

    /** The key's file, which must lie under the root: keys are ours, but a bad one must not reach elsewhere. */
    private Path path(String key) {
        if (!key.matches("[a-z0-9]+(/[a-z0-9]+)*")) {
            throw new IllegalArgumentException("not a file key: " + key);
        }
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("not a file key: " + key);
        }
        return path;
    }
}
