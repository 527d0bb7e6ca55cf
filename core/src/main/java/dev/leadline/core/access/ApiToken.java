package dev.leadline.core.access;

import dev.leadline.core.common.Actor;
import java.time.Instant;

/**
 * An API token as stored: only a hash of the secret is kept. {@code repId} is the rep a REP token
 * belongs to (null for the other roles); {@code actAs} lets an INTEGRATION token act on leads as
 * any rep it names.
 */
public record ApiToken(long id, String name, TokenRole role, Long repId, boolean actAs, Instant createdAt, Instant expiresAt,
                       Instant revokedAt) {

    /** How the token is named in the timeline and the audit log. */
    public Actor actor() {
        return Actor.token(name);
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
