package dev.leadline.server.http;

import dev.leadline.core.access.AuthOutcome;
import dev.leadline.core.access.Caller;
import dev.leadline.core.access.TokenRole;
import dev.leadline.core.access.TokenService;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;

/**
 * Checks the bearer token on every {@code /api} request and remembers who called. Answers are
 * cached for {@link #CACHE_TTL} only, so a token revoked on any node is refused everywhere within
 * that time (and at once on the node that revoked it); expiry is checked on every request.
 */
final class Authenticator {
    static final Duration CACHE_TTL = Duration.ofMillis(500);
    private static final String CALLER = "leadline.caller";
    private final TokenService tokens;
    private final Clock clock;
    private final Cache<String, AuthOutcome> recent = Caffeine.newBuilder()
            .expireAfterWrite(CACHE_TTL).maximumSize(10_000).build();

    Authenticator(TokenService tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    void authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new HttpProblem(401, "unauthorized", "send an API token as 'Authorization: Bearer <token>'");
        }
        String secret = header.substring(7).strip();
        AuthOutcome outcome = recent.getIfPresent(secret);
        if (outcome == null) {
            outcome = tokens.authenticate(secret);
            if (outcome instanceof AuthOutcome.Authenticated) {
                recent.put(secret, outcome);
            }
        }
        if (outcome instanceof AuthOutcome.Authenticated ok && ok.caller().token().expiresAt() != null
                && !ok.caller().token().expiresAt().isAfter(clock.instant())) {
            outcome = new AuthOutcome.Expired(ok.caller().token());
        }
        if (outcome instanceof AuthOutcome.Authenticated ok) {
            ctx.attribute(CALLER, ok.caller());
            return;
        }
        ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        if (outcome instanceof AuthOutcome.Expired expired) {
            throw new HttpProblem(401, "token_expired", "this API token expired at " + expired.token().expiresAt());
        }
        if (outcome instanceof AuthOutcome.Revoked) {
            throw new HttpProblem(401, "token_revoked", "this API token has been revoked");
        }
        if (outcome instanceof AuthOutcome.RepInactive) {
            throw new HttpProblem(401, "rep_inactive", "the rep this API token belongs to is not an active rep any more");
        }
        throw new HttpProblem(401, "unauthorized", "unknown API token");
    }

    /** Forgets every cached answer: after a revocation on this node. */
    void forgetAll() {
        recent.invalidateAll();
    }

    static Caller caller(Context ctx) {
        return ctx.attribute(CALLER);
    }

    static void requireAdmin(Context ctx) {
        if (caller(ctx).role() != TokenRole.ADMIN) {
            throw new HttpProblem(403, "forbidden", "this needs an ADMIN token");
        }
    }

    /** Imports and other integration work: ADMIN and INTEGRATION tokens, not a rep's own token. */
    static void requireAdminOrIntegration(Context ctx) {
        if (caller(ctx).role() == TokenRole.REP) {
            throw new HttpProblem(403, "forbidden", "this needs an ADMIN or INTEGRATION token; a REP token acts on leads as its rep only");
        }
    }
}
