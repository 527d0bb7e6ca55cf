package dev.leadline.core.testing;

import dev.leadline.core.common.Actor;
import dev.leadline.core.intake.ImportCounts;
import dev.leadline.core.intake.ImportJob;
import dev.leadline.core.intake.ImportJobRepository;
import dev.leadline.core.intake.ImportOptions;
import dev.leadline.core.intake.ImportReport;
import dev.leadline.core.intake.ImportStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Import jobs kept in memory, for core tests. */
public final class InMemoryImportJobs implements ImportJobRepository {
    private final Map<Long, ImportJob> jobs = new HashMap<>();
    private final Map<Long, List<ImportReport.Rejection>> rejections = new HashMap<>();
    private final Map<Long, List<ImportReport.DuplicateRow>> duplicateRows = new HashMap<>();
    private final Map<Long, List<String>> headers = new HashMap<>();
    private long nextId = 1;

    @Override
    public synchronized ImportJob create(String fileName, String spoolPath, ImportOptions options, Actor actor, Instant at) {
        ImportJob job = new ImportJob(nextId++, ImportStatus.RUNNING, fileName, spoolPath, options, 0, ImportCounts.ZERO, null,
                actor, at, null);
        jobs.put(job.id(), job);
        return job;
    }

    @Override
    public synchronized boolean recordBatch(long jobId, long lastLine, ImportCounts delta, List<ImportReport.Rejection> rows,
                                            List<ImportReport.DuplicateRow> duplicates) {
        ImportJob j = jobs.get(jobId);
        jobs.put(jobId, new ImportJob(j.id(), j.status(), j.fileName(), j.spoolPath(), j.options(), lastLine,
                j.counts().plus(delta), j.error(), j.createdBy(), j.createdAt(), j.finishedAt()));
        rejections.computeIfAbsent(jobId, k -> new ArrayList<>()).addAll(rows);
        duplicateRows.computeIfAbsent(jobId, k -> new ArrayList<>()).addAll(duplicates);
        return true;
    }

    @Override
    public synchronized void finish(long jobId, ImportStatus status, String error, Instant at) {
        ImportJob j = jobs.get(jobId);
        jobs.put(jobId, new ImportJob(j.id(), status, j.fileName(), j.spoolPath(), j.options(), j.committedLine(), j.counts(),
                error, j.createdBy(), j.createdAt(), at));
    }

    @Override
    public synchronized Optional<ImportJob> find(long jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    @Override
    public synchronized void recordHeader(long jobId, List<String> header) {
        headers.put(jobId, List.copyOf(header));
    }

    @Override
    public synchronized List<String> header(long jobId) {
        return headers.getOrDefault(jobId, List.of());
    }

    @Override
    public synchronized List<ImportReport.Rejection> rejections(long jobId, long afterLine, int limit) {
        return rejections.getOrDefault(jobId, List.of()).stream().filter(r -> r.line() > afterLine)
                .sorted(java.util.Comparator.comparingLong(ImportReport.Rejection::line)).limit(limit).toList();
    }

    @Override
    public synchronized List<ImportReport.DuplicateRow> duplicateRows(long jobId, long afterLine, int limit, boolean withValues) {
        return duplicateRows.getOrDefault(jobId, List.of()).stream().filter(r -> r.line() > afterLine)
                .sorted(java.util.Comparator.comparingLong(ImportReport.DuplicateRow::line)).limit(limit).toList();
    }

    @Override
    public synchronized List<ImportJob> unfinished() {
        return jobs.values().stream().filter(j -> j.status() == ImportStatus.RUNNING).toList();
    }
}
