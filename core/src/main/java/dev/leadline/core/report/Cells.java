package dev.leadline.core.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a report notes what each number it counts is made of: the lead (and when) behind each count of
 * a cell, a cell being a row's key and a column. Reports count through the same code whether or not
 * anyone listens, so the leads behind a cell are as many as its number says.
 */
interface Cells {
    Cells NONE = (row, column, leadId, at, why) -> { };

    /** {@code why} says what the count was for this lead, where the report knows (a reason), else null. */
    void add(String row, String column, long leadId, Instant at, String why);

    default void add(String row, String column, long leadId, Instant at) {
        add(row, column, leadId, at, null);
    }

    /** Keeps the leads behind one cell. */
    static Keeping keeping(String row, String column) {
        return new Keeping(row, column);
    }

    /** The row key of a cell in a row keyed by several columns. */
    static String key(String... parts) {
        return String.join("\u001f", parts);
    }

    final class Keeping implements Cells {
        private final String row;
        private final String column;
        final List<ReportLeads.Behind> kept = new ArrayList<>();

        private Keeping(String row, String column) {
            this.row = row;
            this.column = column;
        }

        @Override
        public void add(String row, String column, long leadId, Instant at, String why) {
            if (this.row.equals(row) && this.column.equals(column)) {
                kept.add(new ReportLeads.Behind(leadId, at, why));
            }
        }
    }
}
