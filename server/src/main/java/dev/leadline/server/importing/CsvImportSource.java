package dev.leadline.server.importing;

import dev.leadline.core.common.ValidationException;
import dev.leadline.core.intake.ImportRow;
import dev.leadline.core.intake.ImportSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Streams a CSV file row by row ({@link CsvRecords}); ragged rows and lines that cannot be read are
 * passed on for the import to reject. The header must name each column once.
 */
public final class CsvImportSource implements ImportSource {
    private final CsvRecords records;
    private final List<String> header;

    private CsvImportSource(CsvRecords records) throws IOException {
        this.records = records;
        CsvRecords.Read first = records.firstOnItsLine().orElseThrow(
                () -> new ValidationException("file", "the file is empty; the first line must be a header"));
        if (first instanceof CsvRecords.Broken broken) {
            throw new ValidationException("file", "the header on line " + broken.line() + " cannot be read: " + broken.reason());
        }
        this.header = ((CsvRecords.Fields) first).values().stream().map(String::strip).toList();
        requireDistinct(header);
    }

    /** @throws ValidationException if the file has no header or breaks a limit of {@link CsvRecords} in it */
    public static CsvImportSource open(Path file, Charset charset) {
        CsvRecords records = null;
        try {
            records = new CsvRecords(Files.newBufferedReader(file, charset));
            return new CsvImportSource(records);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            closeQuietly(records);
            throw e;
        }
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public Iterator<ImportRow> rows() {
        return new Iterator<>() {
            private Optional<CsvRecords.Read> next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = records.next(header.size());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return next.isPresent();
            }

            @Override
            public ImportRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                CsvRecords.Read read = next.get();
                next = null;
                if (read instanceof CsvRecords.Broken broken) {
                    return ImportRow.unreadable(broken.line(), broken.text(), broken.reason());
                }
                return new ImportRow(read.line(), ((CsvRecords.Fields) read).values());
            }
        };
    }

    /** Reads every row, so that a file breaking a limit is refused before anything is stored. */
    public void scan() {
        rows().forEachRemaining(row -> { });
    }

    private static void requireDistinct(List<String> header) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            Integer earlier = name.isEmpty() ? null : seen.putIfAbsent(name.toLowerCase(Locale.ROOT), i);
            if (earlier != null) {
                throw new ValidationException("file", "the header names the column '" + header.get(earlier) + "' twice (columns "
                        + (earlier + 1) + " and " + (i + 1) + "); rename one of them so that no value is lost");
            }
        }
    }

    private static void closeQuietly(CsvRecords records) {
        try {
            if (records != null) {
                records.close();
            }
        } catch (IOException e) {
            // the file is unreadable already; the first problem is the one to report
        }
    }

    @Override
    public void close() {
        try {
            records.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
