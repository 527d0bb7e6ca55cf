package dev.leadline.server.http;

import dev.leadline.core.access.ApiToken;
import dev.leadline.core.access.AuthOutcome;
import dev.leadline.core.access.TokenRole;
import dev.leadline.core.access.TokenService;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;

/**
 * Checks the bearer token on every {@code /api} request and remembers who called. Answers are
 * cached for {@link #CACHE_TTL}, so a revoked token may work that much longer; expiry is checked
 * on every request.
 */
final class Authenticator {
    static final Duration CACHE_TTL = Duration.ofSeconds(30);
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
        if (outcome instanceof AuthOutcome.Authenticated ok && ok.token().expiresAt() != null
                && !ok.token().expiresAt().isAfter(clock.instant())) {
            outcome = new AuthOutcome.Expired(ok.token());
        }
        if (outcome instanceof AuthOutcome.Authenticated ok) {
            ctx.attribute(CALLER, ok.token());
            return;
        }
        ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        if (outcome instanceof AuthOutcome.Expired expired) {
            throw new HttpProblem(401, "token_expired", "this API token expired at " + expired.token().expiresAt());
        }
        if (outcome instanceof AuthOutcome.Revoked) {
            throw new HttpProblem(401, "token_revoked", "this API token has been revoked");
        }
        throw new HttpProblem(401, "unauthorized", "unknown API token");
    }

    static ApiToken caller(Context ctx) {
        return ctx.attribute(CALLER);
    }

    static void requireAdmin(Context ctx) {
        if (caller(ctx).role() != TokenRole.ADMIN) {
            throw new HttpProblem(403, "forbidden", "this needs an ADMIN token");
        }
    }
}
