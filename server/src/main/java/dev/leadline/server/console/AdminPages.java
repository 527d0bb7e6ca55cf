package dev.leadline.server.console;

import dev.leadline.core.access.ApiToken;
import dev.leadline.core.access.ConsoleAccess;
import dev.leadline.core.access.TokenRole;
import dev.leadline.core.access.TokenService;
import dev.leadline.core.activity.AuditTrail;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.team.Permissions;
import dev.leadline.core.team.TeamService;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tokens and audit, for admins: list, issue and revoke API tokens through the API's token service
 * (the secret shown once, on the answer to issuing), and search the audit log. Writes name the
 * session's rep as their actor.
 */
public final class AdminPages {
    private static final List<String> AUDIT_FIELDS = List.of("lead", "rep", "token", "action", "from", "to");
    private final TokenService tokens;
    private final AuditTrail audit;
    private final AdminViews views;
    private final Runnable revoked;

    /** {@code revoked} runs after a revocation: the API forgets the tokens it recognised. */
    public AdminPages(TokenService tokens, AuditTrail audit, TeamService team, Runnable revoked) {
        this.tokens = tokens;
        this.audit = audit;
        this.views = new AdminViews(team);
        this.revoked = revoked;
    }

    public void tokens(Context ctx) {
        ConsoleAccess.Active me = admin(ctx);
        String gone = ctx.queryParam("revoked");
        boolean shown = gone != null && revoked(named(gone));
        renderTokens(ctx, me, Map.of(), Map.of(), shown ? "Revoked " + gone + ": the API refuses it from now on." : "", false);
    }

    public void issue(Context ctx) {
        ConsoleAccess.Active me = admin(ctx);
        Map<String, String> typed = new LinkedHashMap<>();
        for (String field : List.of("name", "role", "rep", "actAs")) {
            typed.put(field, Optional.ofNullable(ctx.formParam(field)).orElse(""));
        }
        TokenService.Issued issued;
        try {
            issued = tokens.issue(new TokenService.Request(typed.get("name"), TokenRole.parse(typed.get("role")), typed.get("rep"),
                    !typed.get("actAs").isEmpty(), Optional.empty()), me.acting().actor());
        } catch (ValidationException refused) {
            renderTokens(ctx.status(422), me, typed, problems(refused), "Not created: " + refused.getMessage(), true);
            return;
        }
        ctx.render("token-issued.jte", Map.of("me", ConsolePages.me(me), "name", issued.token().name(), "role", issued.token().role().name(),
                "secret", issued.secret()));
    }

    public void confirmRevoke(Context ctx) {
        ConsoleAccess.Active me = admin(ctx);
        List<ApiToken> found = named(ctx.pathParam("name"));
        if (found.isEmpty()) {
            throw new NotFoundException("token", ctx.pathParam("name"));
        }
        ctx.render("token-revoke.jte", Map.of("me", ConsolePages.me(me), "name", found.get(0).name(), "revoked", revoked(found)));
    }

    public void revoke(Context ctx) {
        ConsoleAccess.Active me = admin(ctx);
        String name = tokens.revoke(ctx.pathParam("name"), me.acting().actor()).name();
        revoked.run();
        ctx.redirect("/console/admin/tokens?revoked=" + name, HttpStatus.SEE_OTHER);
    }

    public void audit(Context ctx) {
        ConsoleAccess.Active me = admin(ctx);
        Map<String, String> asked = new LinkedHashMap<>();
        AUDIT_FIELDS.forEach(field -> asked.put(field, Optional.ofNullable(ctx.queryParam(field)).orElse("")));
        int page = Optional.ofNullable(ctx.queryParam("page")).filter(p -> p.matches("\\d{1,5}")).map(Integer::parseInt).orElse(1);
        AdminViews.AuditPage shown;
        try {
            shown = views.audit(asked, audit.search(new AuditTrail.Criteria(asked.get("lead"), asked.get("rep"), asked.get("token"),
                    asked.get("action"), asked.get("from"), asked.get("to"), me.rep().timeZone(), page)), me.rep().timeZone());
        } catch (ValidationException refused) {
            ctx.status(422);
            shown = new AdminViews.AuditPage(asked, List.of(), "", "", refused.getMessage(), problems(refused));
        }
        ctx.render("audit.jte", Map.of("me", ConsolePages.me(me), "audit", shown));
    }

    private void renderTokens(Context ctx, ConsoleAccess.Active me, Map<String, String> typed, Map<String, String> problems, String message,
                              boolean refused) {
        ctx.render("tokens.jte", Map.of("me", ConsolePages.me(me),
                "page", views.tokens(tokens.list(), me.rep().timeZone(), typed, problems, message, refused)));
    }

    /** Each problem by the input it is about. */
    private static Map<String, String> problems(ValidationException refused) {
        Map<String, String> problems = new LinkedHashMap<>();
        refused.errors().forEach(error -> problems.putIfAbsent(error.field(), error.message()));
        return problems;
    }

    /** The tokens of this name, newest first (a rotated token keeps its name). */
    private List<ApiToken> named(String name) {
        return tokens.list().stream().filter(t -> t.name().equals(name)).toList();
    }

    private static boolean revoked(List<ApiToken> named) {
        return !named.isEmpty() && named.stream().allMatch(ApiToken::revoked);
    }

    private static ConsoleAccess.Active admin(Context ctx) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        if (!Permissions.isAdmin(me.rep())) {
            throw new ConsoleRefusal(403, "Not allowed: tokens and the audit log are for admins only.");
        }
        return me;
    }
}
