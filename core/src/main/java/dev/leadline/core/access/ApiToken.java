package dev.leadline.core.access;

import java.time.Instant;

/** An API token as stored: only a hash of the secret is kept. */
public record ApiToken(long id, String name, TokenRole role, Instant createdAt, Instant expiresAt, Instant revokedAt) {}
