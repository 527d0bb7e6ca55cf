package dev.leadline.core.intake;

import dev.leadline.core.common.Actor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Import jobs, their progress, their rejected rows and the rows duplicate rules blocked or merged. */
public interface ImportJobRepository {
    ImportJob create(String fileName, String spoolPath, ImportOptions options, Actor actor, Instant at);

    /**
     * Adds one committed batch to the job, in the batch's transaction, and renews this node's hold on it;
     * false when the job is no longer this node's (another took it over after this one stalled): the
     * batch must then be rolled back.
     */
    boolean recordBatch(long jobId, long lastLine, ImportCounts delta, List<ImportReport.Rejection> rejections,
                     List<ImportReport.DuplicateRow> duplicateRows);

    void finish(long jobId, ImportStatus status, String error, Instant at);

    Optional<ImportJob> find(long jobId);

    /** Keeps the header of the job's file, to go with its rejected rows. */
    void recordHeader(long jobId, List<String> header);

    /** The header of the job's file; empty if it was not recorded. */
    List<String> header(long jobId);

    /** The first {@code limit} rejected rows, in line order. */
    default List<ImportReport.Rejection> rejections(long jobId, int limit) {
        return rejections(jobId, 0, limit);
    }

    /** The first {@code limit} rejected rows after line {@code afterLine}, in line order. */
    List<ImportReport.Rejection> rejections(long jobId, long afterLine, int limit);

    /**
     * The first {@code limit} rows that duplicate rules blocked or merged after line {@code afterLine}, in
     * line order; their values only {@code withValues} (the report shows none, a download all).
     */
    List<ImportReport.DuplicateRow> duplicateRows(long jobId, long afterLine, int limit, boolean withValues);

    /** Jobs still running that no node holds any more (their node stopped or died), taken for this node. */
    List<ImportJob> unfinished();
}
