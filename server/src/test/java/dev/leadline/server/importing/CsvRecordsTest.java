package dev.leadline.server.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadline.core.common.ValidationException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CsvRecordsTest {

    @Test
    void quotedFieldsHoldCommasDoubledQuotesAndLineBreaksAsWritten() throws IOException {
        List<CsvRecords.Read> read = readAll("\uFEFFa,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"two\r\nlines\",z\rlast,row", 2);

        assertThat(read).containsExactly(
                new CsvRecords.Fields(1, List.of("a", "b")),
                new CsvRecords.Fields(2, List.of("x, y", "say \"hi\"")),
                new CsvRecords.Fields(3, List.of("two\r\nlines", "z")),
                new CsvRecords.Fields(5, List.of("last", "row")));
    }

    @Test
    void emptyLinesAreSkippedAndAQuoteInsideAnUnquotedFieldIsKept() throws IOException {
        assertThat(readAll("a,b\n\n5\" disk,\"\"\n\n", 2)).containsExactly(
                new CsvRecords.Fields(1, List.of("a", "b")),
                new CsvRecords.Fields(3, List.of("5\" disk", "")));
    }

    @Test
    void charactersAfterAClosingQuoteBreakOnlyThatLine() throws IOException {
        List<CsvRecords.Read> read = readAll("a,b\n\"x\"y,1\nok,2\n", 2);

        assertThat(read.get(1)).isEqualTo(new CsvRecords.Broken(2, "\"x\"y,1", "field 1 has characters after its closing quote"));
        assertThat(read.get(2)).isEqualTo(new CsvRecords.Fields(3, List.of("ok", "2")));
    }

    @Test
    void aQuoteThatLeavesTheWrongNumberOfFieldsBreaksItsFirstLineAndReadingResumesOnTheNext() throws IOException {
        List<CsvRecords.Read> read = readAll("a,b,c\n1,\"open,x\n2,y,z\n3,close\"\n", 3);

        assertThat(read.get(1)).isInstanceOf(CsvRecords.Broken.class).extracting(CsvRecords.Read::line).isEqualTo(2L);
        assertThat(((CsvRecords.Broken) read.get(1)).reason()).contains("lines 2-4").contains("resumed at line 3");
        assertThat(read.subList(2, 4)).containsExactly(
                new CsvRecords.Fields(3, List.of("2", "y", "z")),
                new CsvRecords.Fields(4, List.of("3", "close\"")));
    }

    @Test
    void linesABrokenRecordTookInAreReadAgainOneByOneSoNoLineIsReadMoreThanTwice() throws IOException {
        List<CsvRecords.Read> read = readAll("a,b\n1,\"a\n2,\"b\n3,c\n", 2);

        assertThat(read).extracting(CsvRecords.Read::line).containsExactly(1L, 2L, 3L, 4L);
        assertThat(((CsvRecords.Broken) read.get(1)).reason()).contains("lines 2-3");
        assertThat(((CsvRecords.Broken) read.get(2)).reason()).contains("not closed on its line");
        assertThat(read.get(3)).isEqualTo(new CsvRecords.Fields(4, List.of("3", "c")));
    }

    @Test
    void aQuotedValueStillOpenAfterTheLimitIsTreatedAsUnterminated() throws IOException {
        String filler = ("x".repeat(99) + "\n").repeat(CsvRecords.MAX_MULTILINE_QUOTED_CHARS / 100 + 1);
        List<CsvRecords.Read> read = readAll("a\n\"" + filler + "\"\n", 1);

        assertThat(read.get(1)).isInstanceOf(CsvRecords.Broken.class);
        assertThat(((CsvRecords.Broken) read.get(1)).reason()).contains("still open after 10000 characters");
        assertThat(read.get(2)).isEqualTo(new CsvRecords.Fields(3, List.of("x".repeat(99))));
    }

    @Test
    void aRecordSpanningLinesPastTheLineLimitIsAStrayQuoteEvenWhenItsQuotesKeepClosing() throws IOException {
        String closesAndReopens = ("y".repeat(9_000) + "\",\"\n").repeat(200);
        List<CsvRecords.Read> read = readAll("a,b\nx,\"\n" + closesAndReopens, 0);

        assertThat(((CsvRecords.Broken) read.get(1)).reason()).contains("still open after a record of");
        assertThat(read.get(2)).isInstanceOf(CsvRecords.Broken.class).extracting(CsvRecords.Read::line).isEqualTo(3L);
    }

    @Test
    void theFirstRecordIsReadFromItsLineAloneSoAQuoteLeftOpenInAHeaderSwallowsNoRow() throws IOException {
        try (CsvRecords records = new CsvRecords(new StringReader("Email,\"Company\nada@example.com,\"Engines\"\n"))) {
            assertThat(records.firstOnItsLine()).contains(new CsvRecords.Broken(1, "Email,\"Company", "a quoted field is not closed on its line"));
            assertThat(records.next(2)).contains(new CsvRecords.Fields(2, List.of("ada@example.com", "Engines")));
        }
    }

    @Test
    void aRecordWithMoreFieldsThanTheColumnLimitStopsTheReading() {
        String wide = "a" + ",a".repeat(CsvRecords.MAX_COLUMNS);

        assertThatThrownBy(() -> readAll("a" + ",b".repeat(CsvRecords.MAX_COLUMNS - 1) + "\n" + wide + "\n", 0))
                .isInstanceOf(ValidationException.class).hasMessageContaining("line 2 has more than 1000 fields");
    }

    @Test
    void aLineLongerThanTheLineLimitStopsTheReading() {
        assertThatThrownBy(() -> readAll("a\n" + "x".repeat(PhysicalLines.MAX_LINE_CHARS + 1), 0))
                .isInstanceOf(ValidationException.class).hasMessageContaining("line 2 is longer than");
    }

    private static List<CsvRecords.Read> readAll(String text, int width) throws IOException {
        List<CsvRecords.Read> all = new ArrayList<>();
        try (CsvRecords records = new CsvRecords(new StringReader(text))) {
            for (Optional<CsvRecords.Read> read = records.next(width); read.isPresent(); read = records.next(width)) {
                all.add(read.get());
            }
        }
        return all;
    }
}
