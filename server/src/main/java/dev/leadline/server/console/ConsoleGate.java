package dev.leadline.server.console;

import dev.leadline.core.access.ConsoleAccess;
import dev.leadline.server.http.FileTransfer;
import dev.leadline.server.http.UrlEncodedForm;
import io.javalin.http.Context;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * The console's door: every {@code /console} request but the sign-in pages (by link and by single
 * sign-on) and the style sheet needs
 * a session (else a redirect to sign in, or 401 for htmx), and every request that changes something
 * carries the session's CSRF token, as the form field {@value #CSRF_FIELD} or the header {@value #CSRF_HEADER}.
 */
public final class ConsoleGate {
    static final String COOKIE = "leadline_console";
    static final String CSRF_FIELD = "_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String ACTIVE = "leadline.console";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final ConsoleAccess access;
    private final boolean publicHttps;

    public ConsoleGate(ConsoleAccess access, URI publicUrl) {
        this.access = access;
        this.publicHttps = "https".equals(publicUrl.getScheme());
    }

    /** Security headers for every console answer: no framing, no caching, no referrer (sign-in links sit in URLs). */
    public void headers(Context ctx) {
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; "
                + "base-uri 'none'; object-src 'none'");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
    }

    public void check(Context ctx) {
        String path = ctx.path();
        if (path.startsWith("/console/sign-in") || path.startsWith("/console/sso") || path.startsWith("/console/assets/")) {
            return;
        }
        Optional<ConsoleAccess.Active> active = access.session(ctx.cookie(COOKIE));
        if (active.isEmpty()) {
            if (htmx(ctx)) {
                ctx.header("HX-Redirect", "/console/sign-in");
                throw new ConsoleRefusal(401, "Your console session has ended. Sign in again.");
            }
            ctx.redirect("/console/sign-in", io.javalin.http.HttpStatus.SEE_OTHER);
            ctx.skipRemainingHandlers();
            return;
        }
        if (!SAFE.contains(ctx.method().name()) && !csrfMatches(ctx, active.get().session().csrfToken())) {
            throw new ConsoleRefusal(403, "Refused: this request did not carry the console's CSRF token. Reload the page and try again.");
        }
        // every form's text is checked once, here, as the API checks its JSON: valid UTF-8, no control characters
        String type = Optional.ofNullable(ctx.contentType()).orElse("");
        if (!SAFE.contains(ctx.method().name()) && type.startsWith("application/x-www-form-urlencoded")) {
            UrlEncodedForm.problem(ctx.bodyAsBytes()).ifPresent(problem -> {
                throw new ConsoleRefusal(422, "Not taken: " + problem + ". Type it again without it.");
            });
        }
        ctx.attribute(ACTIVE, active.get());
    }

    private static boolean csrfMatches(Context ctx, String expected) {
        String sent = Optional.ofNullable(ctx.header(CSRF_HEADER)).orElseGet(() -> csrfField(ctx));
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    /** The form's token; a multipart form too large or too broken to be read is refused with a sentence, not failed on. */
    private static String csrfField(Context ctx) {
        // Javalin passes the servlet's checked exceptions through undeclared
        try {
            return ctx.formParam(CSRF_FIELD);
        } catch (Exception e) {
            if (FileTransfer.tooLarge(e)) {
                throw new ConsoleRefusal(413, "Not taken: this upload is larger than the console takes at once. Send fewer or smaller files.");
            }
            throw new ConsoleRefusal(400, "Not taken: the form could not be read. Reload the page and try again.");
        }
    }

    static boolean htmx(Context ctx) {
        return "true".equals(ctx.header("HX-Request"));
    }

    static ConsoleAccess.Active active(Context ctx) {
        return ctx.attribute(ACTIVE);
    }

    /** The session cookie: HttpOnly, SameSite=Lax, Secure over https or when the public URL is https. */
    void setCookie(Context ctx, String secret) {
        setCookie(ctx, COOKIE, secret, "/console", null);
    }

    void clearCookie(Context ctx) {
        setCookie(ctx, COOKIE, "", "/console", 0L);
    }

    /** A console cookie, as the session's: {@code maxAgeSeconds} null for the browser's session. */
    void setCookie(Context ctx, String name, String value, String path, Long maxAgeSeconds) {
        ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=" + path + (maxAgeSeconds == null ? "" : "; Max-Age=" + maxAgeSeconds)
                + "; HttpOnly; SameSite=Lax" + (secure(ctx) ? "; Secure" : ""));
    }

    private boolean secure(Context ctx) {
        return publicHttps || "https".equals(ctx.scheme());
    }
}
