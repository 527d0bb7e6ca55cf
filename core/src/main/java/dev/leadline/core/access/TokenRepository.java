package dev.leadline.core.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stored API tokens, looked up by the SHA-256 of their secret. */
public interface TokenRepository {
    /** A token to store; its secret only as a hash. */
    record NewToken(String name, TokenRole role, Long repId, boolean actAs, String secretHash, Instant createdAt, Instant expiresAt) {}

    ApiToken insert(NewToken token);

    Optional<ApiToken> findByHash(String secretHash);

    /** Every token, newest first, revoked ones included. */
    List<ApiToken> list();

    /** The tokens with this name that are not revoked (at most one, unless stored before names were unique). */
    List<ApiToken> active(String name);

    /** Marks these tokens revoked at {@code at}. */
    void revoke(List<Long> ids, Instant at);
}
