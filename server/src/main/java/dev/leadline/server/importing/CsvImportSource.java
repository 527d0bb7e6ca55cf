package dev.leadline.server.importing;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.leadline.core.common.LeadlineException;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.intake.ImportRow;
import dev.leadline.core.intake.ImportSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/** Streams a CSV file row by row (FastCSV); ragged rows are passed on for the import to reject. */
public final class CsvImportSource implements ImportSource {
    private final CsvReader<CsvRecord> reader;
    private final CloseableIterator<CsvRecord> records;
    private final List<String> header;

    private CsvImportSource(CsvReader<CsvRecord> reader) {
        this.reader = reader;
        this.records = reader.iterator();
        if (!records.hasNext()) {
            close();
            throw new ValidationException("file", "the file is empty; the first line must be a header");
        }
        this.header = records.next().getFields().stream().map(String::strip).toList();
    }

    public static CsvImportSource open(Path file, Charset charset) {
        try {
            return new CsvImportSource(CsvReader.builder()
                    .allowExtraFields(true)
                    .allowMissingFields(true)
                    .skipEmptyLines(true)
                    .detectBomHeader(true)
                    .ofCsvRecord(file, charset));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public Iterator<ImportRow> rows() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return records.hasNext();
                } catch (CsvParseException e) {
                    throw new LeadlineException("the CSV cannot be read past this point: " + e.getMessage(), e);
                }
            }

            @Override
            public ImportRow next() {
                CsvRecord record = records.next();
                return new ImportRow(record.getStartingLineNumber(), record.getFields());
            }
        };
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
