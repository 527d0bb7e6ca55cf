package dev.leadline.server.importing;

import dev.leadline.core.common.ValidationException;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The records of a CSV file (RFC 4180: comma-separated, a field in double quotes may hold commas,
 * doubled quotes and line breaks; a quote inside an unquoted field is kept as it is; empty lines are
 * skipped), read so that every line is accounted for.
 *
 * <p>A quoted field that spans lines but is broken — it is still open at the end of the file, after
 * {@value #MAX_MULTILINE_QUOTED_CHARS} characters or after a record of
 * {@link PhysicalLines#MAX_LINE_CHARS} characters, its closing quote is followed by other characters,
 * or the record it makes has a different number of fields than the header — is most likely a stray
 * quote. It would swallow the rows after it, so only the line it opens on is given back as broken,
 * and reading resumes on the next line; up to the last line the broken record took in, no record
 * may span lines, so that each line is read at most twice. A record on one line whose closing quote
 * is followed by other characters is broken too.
 *
 * <p>A record with more than {@value #MAX_COLUMNS} fields, or a line longer than
 * {@link PhysicalLines#MAX_LINE_CHARS} characters, stops the reading with a {@link ValidationException}.
 */
final class CsvRecords implements Closeable {
    static final int MAX_COLUMNS = 1_000;
    static final int MAX_MULTILINE_QUOTED_CHARS = 10_000;

    /** What one record of the file turned out to be. */
    sealed interface Read permits Fields, Broken {
        long line();
    }

    /** A well-formed record starting on {@code line}. */
    record Fields(long line, List<String> values) implements Read {}

    /** A line that could not be read as a record, its text, and why. */
    record Broken(long line, String text, String reason) implements Read {}

    private final PhysicalLines lines;
    private long oneLineRecordsUntil;

    CsvRecords(Reader in) {
        this.lines = new PhysicalLines(in);
    }

    /**
     * The next record, or empty at the end of the file.
     *
     * @param width the number of fields a record should have, or 0 if any number will do
     */
    Optional<Read> next(int width) throws IOException {
        PhysicalLines.Line first = nextNonEmptyLine();
        if (first == null) {
            return Optional.empty();
        }
        List<PhysicalLines.Line> read = new ArrayList<>(List.of(first));
        RecordParser parser = new RecordParser(first.number());
        parser.feed(first.text());
        Optional<String> stray = readOnWhileQuoted(parser, read);
        if (stray.isPresent()) {
            return Optional.of(strayQuote(read, stray.get()));
        }
        if (read.size() == 1) {
            return Optional.of(oneLine(first, parser));
        }
        List<String> fields = parser.finish();
        if (parser.problem().isPresent()) {
            return Optional.of(strayQuote(read, "closes with other characters after it"));
        }
        if (width > 0 && fields.size() != width) {
            return Optional.of(strayQuote(read, "closes but leaves " + fields.size() + " fields where the header has " + width));
        }
        return Optional.of(new Fields(first.number(), fields));
    }

    /** The first record (a header), read from its line alone: a quote left open there breaks it. */
    Optional<Read> firstOnItsLine() throws IOException {
        PhysicalLines.Line first = nextNonEmptyLine();
        if (first == null) {
            return Optional.empty();
        }
        RecordParser parser = new RecordParser(first.number());
        parser.feed(first.text());
        return Optional.of(parser.inQuotes() ? new Broken(first.number(), first.text(), "a quoted field is not closed on its line")
                : oneLine(first, parser));
    }

    private static Read oneLine(PhysicalLines.Line line, RecordParser parser) {
        List<String> fields = parser.finish();
        return parser.problem().<Read>map(p -> new Broken(line.number(), line.text(), p)).orElseGet(() -> new Fields(line.number(), fields));
    }

    /** Feeds the record's next lines while a quoted field is open; says why the quote is a stray one if it turns out so. */
    private Optional<String> readOnWhileQuoted(RecordParser parser, List<PhysicalLines.Line> read) throws IOException {
        long chars = read.get(0).text().length();
        while (parser.inQuotes()) {
            if (read.get(0).number() <= oneLineRecordsUntil) {
                return Optional.of("is not closed on its line, inside lines a broken record took in");
            }
            if (parser.quotedLength() > MAX_MULTILINE_QUOTED_CHARS) {
                return Optional.of("is still open after " + MAX_MULTILINE_QUOTED_CHARS + " characters");
            }
            if (chars > PhysicalLines.MAX_LINE_CHARS) {
                return Optional.of("is still open after a record of " + chars + " characters");
            }
            PhysicalLines.Line next = lines.next();
            if (next == null) {
                return Optional.of("is never closed");
            }
            parser.feed(read.get(read.size() - 1).terminator());
            parser.feed(next.text());
            chars += next.text().length();
            read.add(next);
        }
        return Optional.empty();
    }

    private PhysicalLines.Line nextNonEmptyLine() throws IOException {
        PhysicalLines.Line line = lines.next();
        while (line != null && line.text().isEmpty()) {
            line = lines.next();
        }
        return line;
    }

    /** The first of {@code read} as broken; the others are read again. */
    private Broken strayQuote(List<PhysicalLines.Line> read, String what) {
        long first = read.get(0).number();
        long last = read.get(read.size() - 1).number();
        lines.pushBack(read.subList(1, read.size()));
        oneLineRecordsUntil = Math.max(oneLineRecordsUntil, last);
        String swallowed = last > first ? ", which would make lines " + first + "-" + last + " one row" : "";
        return new Broken(first, read.get(0).text(), "unterminated quoted field: the quote opened on line " + first + " " + what
                + swallowed + "; only line " + first + " is rejected and reading resumed at line " + (first + 1));
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }

    /** Splits the text of one record, fed line by line, into fields. */
    private static final class RecordParser {
        private final long line;
        private final List<String> fields = new ArrayList<>();
        private final StringBuilder field = new StringBuilder();
        private boolean inQuotes;
        private boolean quoted;
        private boolean closed;
        private String problem;

        RecordParser(long line) {
            this.line = line;
        }

        /** Reads {@code text} on; runs of plain characters are copied whole, up to the next quote or comma that matters. */
        void feed(String text) {
            for (int i = 0; i < text.length() && problem == null; i++) {
                char c = text.charAt(i);
                if (inQuotes) {
                    i = quoted(text, i);
                } else if (c == ',') {
                    endField();
                } else if (closed) {
                    problem = "field " + (fields.size() + 1) + " has characters after its closing quote";
                } else if (c == '"' && field.isEmpty() && !quoted) {
                    inQuotes = true;
                    quoted = true;
                } else {
                    i = copyUpTo(text, i, ',') - 1;
                }
            }
        }

        /** Reads a quoted field on from {@code i}; returns the index of the last character used. */
        private int quoted(String text, int i) {
            int quote = copyUpTo(text, i, '"');
            if (quote == text.length()) {
                return quote;
            }
            if (quote + 1 < text.length() && text.charAt(quote + 1) == '"') {
                field.append('"');
                return quote + 1;
            }
            inQuotes = false;
            closed = true;
            return quote;
        }

        /** Appends {@code text} from {@code i} up to the next {@code stop}; returns where that is (or the end). */
        private int copyUpTo(String text, int i, char stop) {
            int end = text.indexOf(stop, i);
            end = end < 0 ? text.length() : end;
            field.append(text, i, end);
            return end;
        }

        boolean inQuotes() {
            return inQuotes && problem == null;
        }

        int quotedLength() {
            return field.length();
        }

        Optional<String> problem() {
            return Optional.ofNullable(problem);
        }

        List<String> finish() {
            endField();
            return fields;
        }

        private void endField() {
            if (fields.size() == MAX_COLUMNS) {
                throw new ValidationException("file", "line " + line + " has more than " + MAX_COLUMNS
                        + " fields; a file may have at most " + MAX_COLUMNS + " columns");
            }
            fields.add(field.toString());
            field.setLength(0);
            quoted = false;
            closed = false;
        }
    }
}
