package dev.leadline.core.access;

import java.time.Instant;
import java.util.Optional;

/** Stored API tokens, looked up by the SHA-256 of their secret. */
public interface TokenRepository {
    ApiToken insert(String name, TokenRole role, String secretHash, Instant createdAt, Instant expiresAt);

    Optional<ApiToken> findByHash(String secretHash);
}
