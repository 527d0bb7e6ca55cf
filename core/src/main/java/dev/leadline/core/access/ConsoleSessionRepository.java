package dev.leadline.core.access;

import java.time.Instant;
import java.util.Optional;

/** One-time sign-in links and console sessions, each found by the SHA-256 of its secret. */
public interface ConsoleSessionRepository {
    /** A sign-in link as stored. */
    record StoredLink(long id, long repId, Instant expiresAt, Instant usedAt) {}

    void insertLink(String linkHash, long repId, Instant createdAt, Instant expiresAt);

    Optional<StoredLink> findLink(String linkHash);

    /** Marks the link used at {@code at} unless it already was; true for the one caller that did. */
    boolean useLink(long id, Instant at);

    ConsoleSession insertSession(String sessionHash, long repId, String csrfToken, Instant at);

    /** The session with this hash, unless it has ended. */
    Optional<ConsoleSession> findSession(String sessionHash);

    void touch(long id, Instant at);

    void end(long id, Instant at);
}
