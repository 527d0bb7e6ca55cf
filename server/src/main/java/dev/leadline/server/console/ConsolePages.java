package dev.leadline.server.console;

import dev.leadline.core.access.ConsoleAccess;
import dev.leadline.core.access.SignIn;
import io.javalin.http.Context;
import java.util.Map;

/**
 * The console's pages: sign-in and sign-out, and My work (a lead's page is {@link LeadPages}). Each handler
 * reads the request, calls one service through {@link WorkPages} or core, and renders a template.
 */
public final class ConsolePages {
    private final ConsoleAccess access;
    private final ConsoleGate gate;
    private final WorkPages work;
    private final boolean sso;

    /** {@code sso}: the sign-in page also offers single sign-on. */
    public ConsolePages(ConsoleAccess access, ConsoleGate gate, WorkPages work, boolean sso) {
        this.access = access;
        this.gate = gate;
        this.work = work;
        this.sso = sso;
    }

    public void signInHelp(Context ctx) {
        signInPage(ctx, "", "", sso);
    }

    /** The link's page only offers a button: a chat's link preview fetching it must not use it up. */
    public void signInLink(Context ctx) {
        signInPage(ctx, ctx.pathParam("link"), "", sso);
    }

    static void signInPage(Context ctx, String link, String message, boolean sso) {
        ctx.render("sign-in.jte", Map.of("link", link, "message", message, "sso", sso));
    }

    public void signIn(Context ctx) {
        SignIn outcome = access.redeem(ctx.formParam("link"));
        if (outcome instanceof SignIn.SignedIn in) {
            gate.setCookie(ctx, in.secret());
            ctx.redirect("/console", io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        signInPage(ctx.status(400), "", ((SignIn.Refused) outcome).reason(), sso);
    }

    public void signOut(Context ctx) {
        access.signOut(ConsoleGate.active(ctx).session());
        gate.clearCookie(ctx);
        ctx.redirect("/console/sign-in", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    public void myWork(Context ctx) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        ctx.render("work.jte", Map.of("me", me(me), "views", work.views(me.rep(), ctx.queryParam("view"), ctx.queryParam("queue"),
                ctx.queryParam("scope")), "list", work.list(me.rep(), ctx.queryParam("view"), ctx.queryParam("queue"), ctx.queryParam("scope"),
                ctx.queryParam("after"))));
    }

    /** The list alone, for htmx to swap in when leads change. */
    public void list(Context ctx) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        ctx.render("list.jte", Map.of("list", work.list(me.rep(), ctx.queryParam("view"), ctx.queryParam("queue"), ctx.queryParam("scope"),
                ctx.queryParam("after"))));
    }

    static Views.Me me(ConsoleAccess.Active active) {
        return new Views.Me(active.rep().name(), active.rep().email(), active.session().csrfToken(),
                dev.leadline.core.team.Permissions.isManager(active.rep()), dev.leadline.core.team.Permissions.isAdmin(active.rep()));
    }
}
