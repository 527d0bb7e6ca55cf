package dev.leadline.core.access;

import java.time.Instant;
import java.util.Optional;

/** Sign-ins by single sign-on that have gone to the identity provider, each found by the SHA-256 of its state. */
public interface SsoAttemptRepository {
    /** An attempt as stored: the nonce the ID token must carry and the PKCE verifier the code is exchanged with. */
    record StoredAttempt(long id, String nonce, String codeVerifier, Instant expiresAt, Instant usedAt) {}

    /** Stores a new attempt, and forgets those that expired before {@code forgetBefore}. */
    void insert(String stateHash, String nonce, String codeVerifier, Instant createdAt, Instant expiresAt, Instant forgetBefore);

    Optional<StoredAttempt> find(String stateHash);

    /** Marks the attempt used at {@code at} unless it already was; true for the one caller that did. */
    boolean use(long id, Instant at);
}
