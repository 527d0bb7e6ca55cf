package dev.leadline.core.testing;

import dev.leadline.core.intake.ImportRow;
import dev.leadline.core.intake.ImportSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** An import source over rows given in the test; the header is line 1, rows follow. */
public final class ListImportSource implements ImportSource {
    private final List<String> header;
    private final List<ImportRow> rows = new ArrayList<>();

    public ListImportSource(List<String> header, List<List<String>> rows) {
        this.header = header;
        for (int i = 0; i < rows.size(); i++) {
            this.rows.add(new ImportRow(i + 2, rows.get(i)));
        }
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public Iterator<ImportRow> rows() {
        return rows.iterator();
    }

    @Override
    public void close() {
    }
}
