package dev.leadline.server.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes CSV meant to be opened in a spreadsheet; every CSV the server sends goes through it. Cells
 * are quoted as RFC 4180 says, and a cell a spreadsheet would run as a formula (one starting with
 * {@code = + - @}, a tab or a carriage return) gets a single quote in front (OWASP "CSV injection"):
 * the value is stored as it was given, only its copy in the file is disarmed.
 */
final class CsvWriter implements Closeable {
    private final Writer out;

    /** Starts the file with a byte order mark, so that spreadsheets read it as UTF-8. */
    CsvWriter(Writer out) throws IOException {
        this.out = out;
        out.write('\uFEFF');
    }

    void row(List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
    }

    static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        boolean quote = text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
