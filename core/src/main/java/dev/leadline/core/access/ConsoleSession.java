package dev.leadline.core.access;

import java.time.Instant;

/** A browser signed in to the console as a rep; forms it sends carry {@code csrfToken}. */
public record ConsoleSession(long id, long repId, String csrfToken, Instant createdAt, Instant lastSeenAt) {}
