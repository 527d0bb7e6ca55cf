package dev.leadline.server.files;

import dev.leadline.core.common.TooLargeException;
import dev.leadline.core.files.FileReceiver;
import dev.leadline.core.files.FileRules;
import dev.leadline.core.files.Upload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.tika.Tika;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.io.TikaInputStream;

/**
 * Receives a file as a stream: writes it to a spool directory while counting and hashing it (a file over
 * the limit is cut off as soon as it passes it), then sniffs its type from its content with Apache Tika,
 * the name only refining what the content says (a {@code .docx} is a zip, and only then a document).
 */
public final class FileSpool implements FileReceiver {
    private static final Tika TIKA = new Tika();
    private final Path dir;
    private final long maxBytes;

    public FileSpool(Path dir, long maxBytes) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.maxBytes = maxBytes;
    }

    /** Where files are spooled (multipart parts too, before they are received). */
    public Path dir() {
        return dir;
    }

    /** A received file, spooled; closing it removes the spooled copy. */
    public record Spooled(Upload upload) implements FileReceiver.Received {
        @Override
        public void close() throws IOException {
            Files.deleteIfExists(upload.content());
        }
    }

    @Override
    public Spooled receive(InputStream in, String name) throws IOException {
        Path file = Files.createTempFile(dir, "upload-", ".part");
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size = 0;
            try (InputStream digesting = new DigestInputStream(in, sha); OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = digesting.read(buffer)) >= 0; ) {
                    size += n;
                    if (size > maxBytes) {
                        throw new TooLargeException("'" + FileRules.safeName(name) + "' is over " + maxBytes
                                + " bytes, the most a file may be (LEADLINE_MAX_FILE_BYTES)");
                    }
                    out.write(buffer, 0, n);
                }
            }
            return new Spooled(new Upload(name, sniff(file, name), size, HexFormat.of().formatHex(sha.digest()), file));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        } catch (NoSuchAlgorithmException e) {
            Files.deleteIfExists(file);
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    private static String sniff(Path file, String name) throws IOException {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, FileRules.safeName(name));
        try (TikaInputStream in = TikaInputStream.get(file)) {
            return TIKA.getDetector().detect(in, metadata).getBaseType().toString();
        }
    }
}
