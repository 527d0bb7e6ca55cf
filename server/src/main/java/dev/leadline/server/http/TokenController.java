package dev.leadline.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.access.ApiToken;
import dev.leadline.core.access.TokenRole;
import dev.leadline.core.access.TokenService;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code /api/v1/tokens}: list, issue and revoke API tokens (ADMIN tokens only). Secrets are shown once, when issued. */
final class TokenController {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TokenController.class);
    private final ObjectMapper json;
    private final TokenService tokens;
    private final TeamService team;
    private final Authenticator auth;

    /** {@code POST /api/v1/tokens}: {@code rep} for REP tokens, {@code actAs} for INTEGRATION ones. */
    record IssueBody(String name, String role, String rep, Boolean actAs, Long expiresInDays) {}

    TokenController(ObjectMapper json, TokenService tokens, TeamService team, Authenticator auth) {
        this.json = json;
        this.tokens = tokens;
        this.team = team;
        this.auth = auth;
    }

    void list(Context ctx) {
        Authenticator.requireAdmin(ctx);
        ctx.json(Map.of("items", tokens.list().stream().map(this::write).toList()));
    }

    void issue(Context ctx) throws Exception {
        Authenticator.requireAdmin(ctx);
        IssueBody body = json.readValue(ctx.bodyAsBytes(), IssueBody.class);
        if (body == null) {
            throw new ValidationException("body", "send the token as a JSON object: {\"name\":..., \"role\":...}");
        }
        if (body.expiresInDays() != null && (body.expiresInDays() < 1 || body.expiresInDays() > 36_500)) {
            throw new ValidationException("expiresInDays", "must be from 1 to 36500 days");
        }
        TokenService.Issued issued = tokens.issue(new TokenService.Request(body.name(), TokenRole.parse(body.role()), body.rep(),
                Boolean.TRUE.equals(body.actAs()), Optional.ofNullable(body.expiresInDays()).map(Duration::ofDays)), Authenticator.caller(ctx).actor());
        log.info("API token '{}' ({}) issued by {}", issued.token().name(), issued.token().role(), Authenticator.caller(ctx).actor().name());
        Map<String, Object> answer = write(issued.token());
        answer.put("secret", issued.secret());
        ctx.status(201).json(answer);
    }

    void revoke(Context ctx) {
        Authenticator.requireAdmin(ctx);
        ApiToken revoked = tokens.revoke(ctx.pathParam("name"), Authenticator.caller(ctx).actor());
        auth.forgetAll();
        ctx.json(write(revoked));
    }

    private Map<String, Object> write(ApiToken token) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", token.name());
        out.put("role", token.role().name());
        out.put("rep", token.repId() == null ? null : team.rep(token.repId()).map(Rep::email).orElse(Long.toString(token.repId())));
        out.put("actAs", token.actAs());
        out.put("createdAt", token.createdAt().toString());
        out.put("expiresAt", token.expiresAt() == null ? null : token.expiresAt().toString());
        out.put("revokedAt", token.revokedAt() == null ? null : token.revokedAt().toString());
        return out;
    }
}
