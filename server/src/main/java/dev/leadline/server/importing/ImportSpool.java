package dev.leadline.server.importing;

import dev.leadline.core.common.TooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
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
    private static final int SAMPLE_CHARS = 4096;
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

    /**
     * Whether a file that decodes without error was still read in the wrong encoding, as a sentence: its
     * first line holds characters no text has (a control character such as NUL, unassigned or private
     * code points), or, read as UTF-16 or UTF-32, neither a comma nor a line break (a UTF-8 file read as
     * UTF-16 turns into one line of CJK characters).
     */
    public static Optional<String> misreadProblem(Path file, Charset charset) throws IOException {
        char[] sample = new char[SAMPLE_CHARS];
        int n;
        try (Reader in = Files.newBufferedReader(file, charset)) {
            n = in.read(sample);
        }
        String text = n <= 0 ? "" : new String(sample, 0, n);
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        String name = charset.name().toUpperCase(java.util.Locale.ROOT);
        boolean wide = name.startsWith("UTF-16") || name.startsWith("UTF-32");
        if (first.codePoints().anyMatch(ImportSpool::noText)) {
            return Optional.of("the file does not read as " + charset.name() + ": its first line holds characters that are no text in it"
                    + " (such as NUL); choose the encoding the file is saved in");
        }
        if (wide && text.length() > 1 && text.chars().noneMatch(c -> c == ',' || c == '\n' || c == '\r')) {
            return Optional.of("the file does not read as " + charset.name() + ": read so, it has neither a comma nor a line break"
                    + " (it may be saved as UTF-8); choose the encoding the file is saved in");
        }
        return Optional.empty();
    }

    private static boolean noText(int c) {
        int type = Character.getType(c);
        return (c < 0x20 && c != '\t' && c != '\r') || type == Character.UNASSIGNED || type == Character.PRIVATE_USE
                || type == Character.SURROGATE;
    }

    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover spool file is harmless; it is in the data directory for anyone to clean
        }
    }
}
