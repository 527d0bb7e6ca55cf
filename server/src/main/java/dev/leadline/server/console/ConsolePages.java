package dev.leadline.server.console;

import dev.leadline.core.access.ConsoleAccess;
import dev.leadline.core.access.SignIn;
import dev.leadline.core.claim.ClaimService;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadOutcome;
import io.javalin.http.Context;
import java.util.Map;

/**
 * The console's pages: sign-in and sign-out, My work, and a lead with its claim action. Each handler
 * reads the request, calls one service through {@link WorkPages} or core, and renders a template.
 */
public final class ConsolePages {
    private final ConsoleAccess access;
    private final ConsoleGate gate;
    private final WorkPages work;
    private final ClaimService claims;
    private final boolean sso;

    /** {@code sso}: the sign-in page also offers single sign-on. */
    public ConsolePages(ConsoleAccess access, ConsoleGate gate, WorkPages work, ClaimService claims, boolean sso) {
        this.access = access;
        this.gate = gate;
        this.work = work;
        this.claims = claims;
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
        ctx.render("work.jte", Map.of("me", me(me), "views", work.views(me.rep(), ctx.queryParam("view"), ctx.queryParam("queue")),
                "list", work.list(me.rep(), ctx.queryParam("view"), ctx.queryParam("queue"), ctx.queryParam("after"))));
    }

    /** The list alone, for htmx to swap in when leads change. */
    public void list(Context ctx) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        ctx.render("list.jte", Map.of("list", work.list(me.rep(), ctx.queryParam("view"), ctx.queryParam("queue"), ctx.queryParam("after"))));
    }

    public void lead(Context ctx) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        LeadId id = LeadId.parse(ctx.pathParam("id"));
        String done = ctx.queryParam("done");
        ctx.render("lead.jte", Map.of("me", me(me), "lead", work.lead(id, me.rep(), "claimed".equals(done) ? "Claimed." : "released".equals(done) ? "Released to its queue." : "", false)));
    }

    public void claim(Context ctx) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        LeadId id = LeadId.parse(ctx.pathParam("id"));
        answer(ctx, me, id, "claimed", claims.claim(id, me.acting()));
    }

    public void release(Context ctx) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        LeadId id = LeadId.parse(ctx.pathParam("id"));
        answer(ctx, me, id, "released", claims.release(id, me.acting()));
    }

    /** Done: back to the lead (post, redirect, get); refused: the lead with the reason, 403 when not allowed, else 409. */
    private void answer(Context ctx, ConsoleAccess.Active me, LeadId id, String done, LeadOutcome outcome) {
        if (outcome instanceof LeadOutcome.Done) {
            ctx.redirect("/console/leads/" + id + "?done=" + done, io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        ctx.status(outcome instanceof LeadOutcome.NotAllowed ? 403 : 409)
                .render("lead.jte", Map.of("me", me(me), "lead", work.lead(id, me.rep(), WorkPages.refusal(outcome), true)));
    }

    private static Views.Me me(ConsoleAccess.Active active) {
        return new Views.Me(active.rep().name(), active.rep().email(), active.session().csrfToken());
    }
}
