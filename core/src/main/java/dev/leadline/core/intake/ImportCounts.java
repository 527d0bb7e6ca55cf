package dev.leadline.core.intake;

/** Running totals of an import. */
public record ImportCounts(long rows, long imported, long updated, long duplicates, long rejected) {
    public static final ImportCounts ZERO = new ImportCounts(0, 0, 0, 0, 0);

    public ImportCounts plus(ImportCounts other) {
        return new ImportCounts(rows + other.rows, imported + other.imported, updated + other.updated,
                duplicates + other.duplicates, rejected + other.rejected);
    }
}
