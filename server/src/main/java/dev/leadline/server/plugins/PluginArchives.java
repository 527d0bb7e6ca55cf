package dev.leadline.server.plugins;

import dev.leadline.core.common.TooLargeException;
import dev.leadline.core.common.ValidationException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Plugin archives sent to the server, kept in the plugins folder only when they pass every check
 * before pf4j sees them: the body within its limit, at most so many entries, their bytes as
 * inflated (counted, not as declared) within a limit, and every entry a relative path inside the
 * archive. A refused archive leaves nothing behind.
 */
final class PluginArchives {
    private static final int SHOWN = 80;
    private final PluginFolder folder;
    private final PluginLimits limits;

    PluginArchives(PluginFolder folder, PluginLimits limits) {
        this.folder = folder;
        this.limits = limits;
    }

    /** Stores the archive under its name once it passed the checks, and returns where. */
    Path store(ArchiveName name, InputStream body) throws IOException {
        if (folder.exists(name.fileName()) || folder.exists(name.stem())) {
            throw new ValidationException("name", "a plugin archive named " + name.fileName() + " is already installed");
        }
        Path upload = folder.newTemporaryFile();
        try {
            try (InputStream in = new Bounded(body, limits.maxUploadBytes(), () -> tooLarge("plugin archives are limited to "
                    + limits.maxUploadBytes() + " bytes (LEADLINE_MAX_PLUGIN_BYTES)"))) {
                Files.copy(in, upload, StandardCopyOption.REPLACE_EXISTING);
            }
            inspect(upload, limits);
            return Files.move(upload, folder.child(name.fileName()), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            folder.delete(upload.getFileName().toString());
        }
    }

    /** Whether an archive of this name, or what pf4j unpacked from one, is in the folder. */
    boolean has(ArchiveName name) {
        return folder.exists(name.fileName()) || folder.exists(name.stem());
    }

    /** Deletes the archive and what pf4j unpacked from it. */
    void discard(ArchiveName name) throws IOException {
        folder.delete(name.fileName());
        folder.delete(name.stem());
    }

    /** Reads the archive as pf4j's unzip will, entry by entry, writing nothing; one that breaks a limit or rule is refused. */
    static void inspect(Path archive, PluginLimits limits) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
            InputStream inflated = new Bounded(zip, limits.maxExpandedBytes(), () -> tooLarge("a plugin archive may unpack to at most "
                    + limits.maxExpandedBytes() + " bytes (LEADLINE_MAX_PLUGIN_EXPANDED_BYTES)"));
            byte[] buffer = new byte[64 * 1024];
            int entries = 0;
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (++entries > limits.maxEntries()) {
                    throw tooLarge("a plugin archive may hold at most " + limits.maxEntries() + " entries (LEADLINE_MAX_PLUGIN_ENTRIES)");
                }
                if (!insideArchive(entry.getName())) {
                    throw new ValidationException("body", "the archive's entry '" + shown(entry.getName())
                            + "' is not a relative path inside the archive");
                }
                while (inflated.read(buffer) >= 0) {
                    // counted by Bounded
                }
            }
            if (entries == 0) {
                throw new ValidationException("body", "not a Leadline plugin: the body is not a zip or jar archive");
            }
        } catch (ZipException e) {
            throw new ValidationException("body", "not a Leadline plugin: the archive is damaged (" + e.getMessage() + ")");
        }
    }

    private static boolean insideArchive(String entry) {
        return !entry.isEmpty() && !entry.startsWith("/") && entry.chars().noneMatch(c -> c == '\\' || c == ':' || c == 0)
                && Arrays.stream(entry.split("/")).noneMatch(".."::equals);
    }

    private static String shown(String entry) {
        return entry.length() <= SHOWN ? entry : entry.substring(0, SHOWN) + "…";
    }

    private static TooLargeException tooLarge(String message) {
        return new TooLargeException(message);
    }

    /** A stream that refuses to be read past {@code max} bytes. */
    private static final class Bounded extends FilterInputStream {
        private final long max;
        private final java.util.function.Supplier<TooLargeException> refusal;
        private long count;

        Bounded(InputStream in, long max, java.util.function.Supplier<TooLargeException> refusal) {
            super(in);
            this.max = max;
            this.refusal = refusal;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            return b < 0 ? b : counted(b, 1);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            return n <= 0 ? n : counted(n, n);
        }

        private int counted(int result, int bytes) {
            count += bytes;
            if (count > max) {
                throw refusal.get();
            }
            return result;
        }
    }
}
