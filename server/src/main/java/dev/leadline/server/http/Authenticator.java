package dev.leadline.server.http;

import dev.leadline.core.access.ApiToken;
import dev.leadline.core.access.AuthOutcome;
import dev.leadline.core.access.TokenRole;
import dev.leadline.core.access.TokenService;
import io.javalin.http.Context;

/** Checks the bearer token on every {@code /api} request and remembers who called. */
final class Authenticator {
    private static final String CALLER = "leadline.caller";
    private final TokenService tokens;

    Authenticator(TokenService tokens) {
        this.tokens = tokens;
    }

    void authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new HttpProblem(401, "unauthorized", "send an API token as 'Authorization: Bearer <token>'");
        }
        AuthOutcome outcome = tokens.authenticate(header.substring(7).strip());
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
