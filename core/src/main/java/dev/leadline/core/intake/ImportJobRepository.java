package dev.leadline.core.intake;

import dev.leadline.core.common.Actor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Import jobs, their progress and their rejected rows. */
public interface ImportJobRepository {
    ImportJob create(String fileName, String spoolPath, ImportOptions options, Actor actor, Instant at);

    /** Adds one committed batch to the job; runs in the batch's transaction. */
    void recordBatch(long jobId, long lastLine, ImportCounts delta, List<ImportReport.Rejection> rejections);

    void finish(long jobId, ImportStatus status, String error, Instant at);

    Optional<ImportJob> find(long jobId);

    List<ImportReport.Rejection> rejections(long jobId, int limit);

    List<ImportJob> unfinished();
}
