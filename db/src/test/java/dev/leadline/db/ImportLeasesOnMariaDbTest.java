package dev.leadline.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.common.Actor;
import dev.leadline.core.intake.ImportCounts;
import dev.leadline.core.intake.ImportJob;
import dev.leadline.core.intake.ImportOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import job is one node's at a time: others leave it alone while that node commits batches, take it
 * once its hold runs out, and the node that lost it cannot commit another batch of it; its file's copy
 * is used only when whole.
 */
class ImportLeasesOnMariaDbTest {
    private static Database database;

    @BeforeAll
    static void connect() {
        database = TestDatabases.fresh();
    }

    @AfterAll
    static void disconnect() {
        database.close();
    }

    @Test
    void aJobIsTakenOnlyOnceItsHoldRunsOutAndThenTheNodeThatHadItCannotGoOn() {
        JooqImportJobRepository a = new JooqImportJobRepository(database.dsl(), "node-a");
        JooqImportJobRepository b = new JooqImportJobRepository(database.dsl(), "node-b");
        ImportJob job = a.create("leads.csv", "/tmp/a/leads.csv", ImportOptions.defaults(), Actor.cli("test"), Instant.now());

        assertThat(b.unfinished()).as("node a holds it").isEmpty();
        assertThat(a.recordBatch(job.id(), 500, new ImportCounts(500, 500, 0, 0, 0), List.of(), List.of())).isTrue();
        database.dsl().execute("update import_job set lease_until = now(6) - interval 1 second where id = " + job.id());

        assertThat(b.unfinished()).extracting(ImportJob::id).containsExactly(job.id());
        assertThat(a.unfinished()).as("taken once").isEmpty();
        assertThat(a.recordBatch(job.id(), 1000, new ImportCounts(500, 500, 0, 0, 0), List.of(), List.of())).as("node a lost it").isFalse();
        assertThat(b.recordBatch(job.id(), 1000, new ImportCounts(500, 500, 0, 0, 0), List.of(), List.of())).isTrue();
        assertThat(b.find(job.id()).orElseThrow().counts().imported()).as("only node b's batch counted").isEqualTo(1000);
    }

    @Test
    void aCopyCutShortIsNeverUsedAndAWholeOneComesBackByteForByte(@TempDir Path dir) throws Exception {
        JooqImportJobRepository jobs = new JooqImportJobRepository(database.dsl(), "node-c");
        JooqImportSpools copies = new JooqImportSpools(database.dsl());
        ImportJob job = jobs.create("big.csv", "/tmp/a/big.csv", ImportOptions.defaults(), Actor.cli("test"), Instant.now());
        byte[] content = new byte[JooqImportSpools.CHUNK * 2 + 123];
        new java.util.Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("big.csv"), content);

        copies.keep(job.id(), file);
        database.dsl().execute("delete from import_spool_chunk where job_id = " + job.id() + " and seq = -1");
        assertThat(copies.restore(job.id(), dir.resolve("cut.csv"))).as("no seal: cut short").isFalse();

        copies.keep(job.id(), file);
        assertThat(copies.restore(job.id(), dir.resolve("whole.csv"))).isTrue();
        assertThat(Files.readAllBytes(dir.resolve("whole.csv"))).isEqualTo(content);
        copies.drop(job.id());
        assertThat(copies.restore(job.id(), dir.resolve("gone.csv"))).isFalse();
    }
}
