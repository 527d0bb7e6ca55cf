package dev.leadline.core.intake;

import java.util.Iterator;
import java.util.List;

/** A readable import: a header and the rows after it, read one at a time. */
public interface ImportSource extends AutoCloseable {
    List<String> header();

    Iterator<ImportRow> rows();

    @Override
    void close();
}
