package dev.leadline.server.importing;

import dev.leadline.core.common.ValidationException;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The lines of a text file as written (ended by LF, CRLF or CR), numbered from 1, each at most
 * {@value #MAX_LINE_CHARS} characters, without a byte order mark; lines read ahead can be pushed back
 * to be read again.
 */
final class PhysicalLines implements Closeable {
    static final int MAX_LINE_CHARS = 1 << 20;

    /** A line's text and the characters that ended it (empty for a last line without one). */
    record Line(long number, String text, String terminator) {}

    private final Reader in;
    private final char[] buffer = new char[64 * 1024];
    private final Deque<Line> pushedBack = new ArrayDeque<>();
    private int position;
    private int limit;
    private long lastNumber;

    PhysicalLines(Reader in) {
        this.in = in;
    }

    /** The next line, or {@code null} at the end of the file. */
    Line next() throws IOException {
        if (!pushedBack.isEmpty()) {
            return pushedBack.pop();
        }
        StringBuilder text = new StringBuilder();
        while (fill()) {
            int start = position;
            while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
                position++;
            }
            text.append(buffer, start, position - start);
            if (text.length() > MAX_LINE_CHARS) {
                throw new ValidationException("file", "line " + (lastNumber + 1) + " is longer than " + MAX_LINE_CHARS
                        + " characters, the most a line may hold");
            }
            if (position < limit) {
                return line(text, terminator());
            }
        }
        return text.isEmpty() ? null : line(text, "");
    }

    /** Makes {@code lines} (in file order) the next ones read. */
    void pushBack(List<Line> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            pushedBack.push(lines.get(i));
        }
    }

    private Line line(StringBuilder text, String terminator) {
        if (lastNumber == 0 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text.deleteCharAt(0);
        }
        return new Line(++lastNumber, text.toString(), terminator);
    }

    private String terminator() throws IOException {
        if (buffer[position++] == '\n') {
            return "\n";
        }
        if (fill() && buffer[position] == '\n') {
            position++;
            return "\r\n";
        }
        return "\r";
    }

    private boolean fill() throws IOException {
        if (position < limit) {
            return true;
        }
        int n = in.read(buffer);
        position = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
