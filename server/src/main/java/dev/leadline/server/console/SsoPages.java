package dev.leadline.server.console;

import dev.leadline.core.access.ConsoleAccess;
import dev.leadline.core.access.SignIn;
import dev.leadline.core.access.SsoAttempts;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in by OpenID Connect: {@code /console/sso} sends the browser to the identity provider with a new
 * attempt (its state also in a cookie for {@code /console/sso}), and the provider sends it back to
 * {@code /console/sso/callback}, where the attempt is used up, the code exchanged, and the rep with
 * the verified email gets a session like any other. Every refusal is the sign-in page with a sentence.
 */
public final class SsoPages {
    static final String COOKIE = "leadline_sso";
    private static final Logger log = LoggerFactory.getLogger(SsoPages.class);

    private final SsoAttempts attempts;
    private final OidcClient oidc;
    private final ConsoleAccess access;
    private final ConsoleGate gate;

    public SsoPages(SsoAttempts attempts, OidcClient oidc, ConsoleAccess access, ConsoleGate gate) {
        this.attempts = attempts;
        this.oidc = oidc;
        this.access = access;
        this.gate = gate;
    }

    public void start(Context ctx) {
        SsoAttempts.Started attempt = attempts.begin();
        URI provider;
        try {
            provider = oidc.authorizationUri(attempt);
        } catch (OidcClient.ProviderUnavailable e) {
            refuse(ctx, 502, e.getMessage());
            return;
        }
        gate.setCookie(ctx, COOKIE, attempt.state(), "/console/sso", SsoAttempts.LIFETIME.toSeconds());
        ctx.redirect(provider.toString(), HttpStatus.SEE_OTHER);
    }

    public void callback(Context ctx) {
        SsoAttempts.Returned back = attempts.resume(ctx.queryParam("state"), ctx.cookie(COOKIE));
        gate.setCookie(ctx, COOKIE, "", "/console/sso", 0L);
        if (back instanceof SsoAttempts.Returned.Refused refused) {
            refuse(ctx, 400, refused.reason());
            return;
        }
        if (ctx.queryParam("error") != null) {
            String why = ctx.queryParamAsClass("error_description", String.class).getOrDefault(ctx.queryParam("error"));
            refuse(ctx, 403, "The identity provider did not sign you in: " + why);
            return;
        }
        String code = ctx.queryParam("code");
        if (code == null || code.isBlank()) {
            refuse(ctx, 400, "The identity provider sent you back without a code. Start again.");
            return;
        }
        OidcClient.Identity identity = oidc.identify(code, (SsoAttempts.Returned.Open) back);
        if (identity instanceof OidcClient.Identity.Refused refused) {
            refuse(ctx, refused.status(), refused.reason());
            return;
        }
        OidcClient.Identity.Verified verified = (OidcClient.Identity.Verified) identity;
        SignIn outcome = access.signInVerified(verified.email());
        if (outcome instanceof SignIn.SignedIn in) {
            gate.setCookie(ctx, in.secret());
            ctx.redirect("/console", HttpStatus.SEE_OTHER);
            return;
        }
        log.info("OpenID Connect: {} (subject {}) was refused: {}", verified.email(), verified.subject(), ((SignIn.Refused) outcome).reason());
        refuse(ctx, 403, ((SignIn.Refused) outcome).reason());
    }

    private static void refuse(Context ctx, int status, String reason) {
        ctx.status(status);
        ConsolePages.signInPage(ctx, "", reason, true);
    }
}
