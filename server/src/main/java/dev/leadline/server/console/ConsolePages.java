package dev.leadline.server.console;

import dev.leadline.core.access.ConsoleAccess;
import dev.leadline.core.access.SignIn;
import dev.leadline.core.common.ValidationException;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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

    /**
     * The link's page only offers a button: a chat's link preview fetching it must not use it up. A link
     * that is unknown, used or expired is said so at once (400), with how to get a new one, and no button.
     */
    public void signInLink(Context ctx) {
        String link = ctx.pathParam("link");
        Optional<String> refusal = access.linkRefusal(link);
        if (refusal.isPresent()) {
            signInPage(ctx.status(400), "", refusal.get(), sso);
            return;
        }
        signInPage(ctx, link, "", sso);
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
        String q = Objects.requireNonNullElse(ctx.queryParam("q"), "");
        workPage(ctx, ctx.queryParam("view"), new Views.Search(q, WorkPages.searchProblem(q).orElse(""), List.of(), "", "company",
                "starts-with", q.strip()));
    }

    /** The list alone, for htmx to swap in when leads change. */
    public void list(Context ctx) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        ctx.render("list.jte", Map.of("list", work.list(me.rep(), ctx.queryParam("view"), ctx.queryParam("queue"), ctx.queryParam("scope"),
                ctx.queryParam("after"), ctx.queryParam("q"))));
    }

    /** My work's view links with their counts, which the page loads after itself. */
    public void counts(Context ctx) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        String q = Objects.requireNonNullElse(ctx.queryParam("q"), "");
        ctx.render("viewlinks.jte", Map.of("views", work.views(me.rep(), ctx.queryParam("view"), ctx.queryParam("queue"), ctx.queryParam("scope"),
                WorkPages.searchProblem(q).isEmpty() ? q : "", true), "countsUrl", ""));
    }

    /** A custom view's count, which My work loads after the page: counting a custom view may take a while. */
    public void viewCount(Context ctx) {
        ctx.contentType("text/plain; charset=utf-8").result(Long.toString(work.custom().count(ConsoleGate.active(ctx).rep(),
                ctx.pathParam("name"))));
    }

    /** Saves a search as the rep's own view and opens it; problems are shown on My work with what was typed ({@code 422}). */
    public void saveView(Context ctx) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        String name = Objects.requireNonNullElse(ctx.formParam("name"), "");
        String field = Objects.requireNonNullElse(ctx.formParam("field"), "");
        String op = Objects.requireNonNullElse(ctx.formParam("op"), "");
        String value = Objects.requireNonNullElse(ctx.formParam("value"), "");
        try {
            ctx.redirect("/console?view=" + work.custom().save(me, name, field, op, value).name(), HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            List<Views.Field> problems = e.errors().stream().map(p -> new Views.Field(p.field(), p.message())).toList();
            String q = Objects.requireNonNullElse(ctx.formParam("q"), "");
            workPage(ctx.status(422), null, new Views.Search(q, WorkPages.searchProblem(q).orElse(""), problems, name, field, op, value));
        }
    }

    public void deleteView(Context ctx) {
        work.custom().delete(ConsoleGate.active(ctx), ctx.pathParam("name"));
        ctx.redirect("/console", HttpStatus.SEE_OTHER);
    }

    private void workPage(Context ctx, String view, Views.Search search) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        String queue = ctx.queryParam("queue");
        String q = search.problem().isEmpty() ? search.q() : "";
        Map<String, Object> model = new HashMap<>();
        model.put("me", me(me));
        // the page comes at once and its counts just after it (GET /console/counts): counting every view takes a while
        model.put("views", work.views(me.rep(), view, queue, ctx.queryParam("scope"), q, false));
        model.put("countsUrl", "/console/counts" + (ctx.queryString() == null ? "" : "?" + ctx.queryString()));
        model.put("custom", work.customViews(me.rep(), view));
        model.put("list", work.list(me.rep(), view, queue, ctx.queryParam("scope"), ctx.queryParam("after"), q));
        model.put("search", search);
        ctx.render("work.jte", model);
    }

    static Views.Me me(ConsoleAccess.Active active) {
        return new Views.Me(active.rep().name(), active.rep().email(), active.session().csrfToken(),
                dev.leadline.core.team.Permissions.isManager(active.rep()), dev.leadline.core.team.Permissions.isAdmin(active.rep()));
    }
}
