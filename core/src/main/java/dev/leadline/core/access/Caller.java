package dev.leadline.core.access;

import dev.leadline.core.common.Actor;
import dev.leadline.core.team.Rep;

/** An authenticated API caller: its token and, for a REP token, the rep the token belongs to (else null). */
public record Caller(ApiToken token, Rep rep) {

    /** Who the caller's writes are recorded as: the token, or the token's rep through the token. */
    public Actor actor() {
        return rep == null ? token.actor() : Actor.delegated(rep.email(), token.actor());
    }

    public TokenRole role() {
        return token.role();
    }
}
