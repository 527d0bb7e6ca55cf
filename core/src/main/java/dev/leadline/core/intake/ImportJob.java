package dev.leadline.core.intake;

import dev.leadline.core.common.Actor;
import java.time.Instant;

/**
 * One import of one file. Progress is committed with each batch of rows, so a job cut short by a
 * crash resumes after {@code committedLine} and loses nothing.
 */
public record ImportJob(
        long id,
        ImportStatus status,
        String fileName,
        String spoolPath,
        ImportOptions options,
        long committedLine,
        ImportCounts counts,
        String error,
        Actor createdBy,
        Instant createdAt,
        Instant finishedAt) {}
