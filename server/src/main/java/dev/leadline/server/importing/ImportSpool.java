package dev.leadline.server.importing;

import dev.leadline.core.common.TooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * Uploaded import files, spooled to disk before anything is stored: memory stays flat whatever the
 * size, the encoding is checked over the whole file first (a bad file changes nothing), and an
 * import cut short can resume from the same bytes.
 */
public final class ImportSpool {
    private final Path dir;
    private final long maxBytes;

    public ImportSpool(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
    }

    /** Where spooled files are kept. */
    public Path dir() {
        return dir;
    }

    public Path store(InputStream body) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(UUID.randomUUID() + ".csv");
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = body.read(buffer)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    out.close();
                    Files.deleteIfExists(file);
                    throw new TooLargeException(
                            "imports are limited to " + maxBytes + " bytes (LEADLINE_MAX_IMPORT_BYTES)");
                }
                out.write(buffer, 0, n);
            }
        }
        return file;
    }

    /** The first place the file is not valid in the charset, as a sentence, or empty if it is. */
    public static Optional<String> encodingProblem(Path file, Charset charset) throws IOException {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        CharBuffer out = CharBuffer.allocate(64 * 1024);
        long line = 1;
        long offset = 0;
        try (InputStream stream = Files.newInputStream(file)) {
            boolean eof = false;
            while (!eof) {
                int n = stream.read(in.array(), in.position(), in.remaining());
                eof = n < 0;
                if (n > 0) {
                    in.position(in.position() + n);
                }
                in.flip();
                int before = in.position();
                CoderResult result = decoder.decode(in, out, eof);
                offset += in.position() - before;
                out.flip();
                for (int i = 0; i < out.limit(); i++) {
                    if (out.get(i) == '\n') {
                        line++;
                    }
                }
                out.clear();
                if (result.isError()) {
                    return Optional.of("the file is not valid " + charset.name() + " at byte " + offset + " (line " + line
                            + "); save it as " + charset.name() + " or name its encoding, e.g. Content-Type: text/csv; charset=windows-1252");
                }
                in.compact();
            }
        }
        return Optional.empty();
    }

    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover spool file is harmless; it is in the data directory for anyone to clean
        }
    }
}
