package dev.leadline.core.intake;

/** Running totals of an import (see {@link ImportReport} for what each counts). */
public record ImportCounts(long rows, long imported, long updated, long duplicates, long rejected, long flagged, long merged) {
    public static final ImportCounts ZERO = new ImportCounts(0, 0, 0, 0, 0, 0, 0);

    public ImportCounts(long rows, long imported, long updated, long duplicates, long rejected) {
        this(rows, imported, updated, duplicates, rejected, 0, 0);
    }

    public ImportCounts plus(ImportCounts other) {
        return new ImportCounts(rows + other.rows, imported + other.imported, updated + other.updated,
                duplicates + other.duplicates, rejected + other.rejected, flagged + other.flagged, merged + other.merged);
    }
}
