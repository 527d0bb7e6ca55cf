package dev.leadline.server.metrics;

import dev.leadline.core.intake.ImportCounts;
import dev.leadline.core.intake.ImportService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Rows of CSV imports as each batch commits, by what became of them; {@code rate()} of the sum is rows per second. */
public final class ImportMeters implements ImportService.ImportProgress {
    private final Counter imported;
    private final Counter updated;
    private final Counter merged;
    private final Counter duplicates;
    private final Counter rejected;

    public ImportMeters(MeterRegistry registry) {
        imported = rows(registry, "imported");
        updated = rows(registry, "updated");
        merged = rows(registry, "merged");
        duplicates = rows(registry, "duplicate");
        rejected = rows(registry, "rejected");
    }

    private static Counter rows(MeterRegistry registry, String outcome) {
        return Counter.builder("leadline.import.rows").tag("outcome", outcome)
                .description("CSV import rows committed, by outcome").register(registry);
    }

    @Override
    public void advanced(ImportCounts batch) {
        imported.increment(batch.imported());
        updated.increment(batch.updated());
        merged.increment(batch.merged());
        duplicates.increment(batch.duplicates());
        rejected.increment(batch.rejected());
    }
}
