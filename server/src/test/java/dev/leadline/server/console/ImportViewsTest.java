package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.common.Actor;
import dev.leadline.core.intake.ImportCounts;
import dev.leadline.core.intake.ImportJob;
import dev.leadline.core.intake.ImportOptions;
import dev.leadline.core.intake.ImportStatus;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ImportViewsTest {
    private static final Instant START = Instant.parse("2026-12-05T10:00:00Z");
    private static final ImportUploads.Upload UPLOAD = new ImportUploads.Upload("id", Path.of("id.csv"), 1, "big.csv", 9_240, 7);

    @Test
    void aRunningImportShowsRowsDoneOfAllItsSpeedAndTheTimeLeft() {
        ImportViews.Progress progress = ImportViews.progress(UPLOAD, job(ImportStatus.RUNNING, 3_000, null), START.plusSeconds(2), null);

        assertThat(progress.done()).isEqualTo("3,000");
        assertThat(progress.total()).isEqualTo("9,240");
        assertThat(progress.rate()).isEqualTo("1,500 rows/s");
        assertThat(progress.eta()).isEqualTo("about 4 s left");
        assertThat(progress.running()).isTrue();
    }

    @Test
    void aFinishedImportCountsWhatItReadAndHowLongItTook() {
        ImportViews.Progress progress = ImportViews.progress(UPLOAD, job(ImportStatus.DONE, 9_240, START.plusSeconds(150)),
                START.plusSeconds(600), null);

        assertThat(progress.done()).isEqualTo("9,240");
        assertThat(progress.total()).isEqualTo("9,240");
        assertThat(progress.eta()).isEqualTo("took 2 min 30 s");
        assertThat(progress.running()).isFalse();
    }

    @Test
    void aLeadFieldIsLabelledInWords() {
        assertThat(ImportViews.label("postalCode")).isEqualTo("Postal code");
        assertThat(ImportViews.label("fullName")).isEqualTo("Full name (split into first and last)");
    }

    private static ImportJob job(ImportStatus status, long rows, Instant finished) {
        return new ImportJob(7, status, "big.csv", "id.csv", ImportOptions.defaults(), rows, new ImportCounts(rows, rows, 0, 0, 0), null,
                Actor.rep("ada@example.com"), START, finished);
    }
}
