package dev.leadline.server.console;

import dev.leadline.core.access.ConsoleAccess;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.nurture.Cadence;
import dev.leadline.core.nurture.CadenceParser;
import dev.leadline.core.nurture.CadenceService;
import dev.leadline.core.team.Permissions;
import dev.leadline.server.config.YamlDraft;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.Optional;

/**
 * The Cadences page, for admins: every nurture cadence with its version and enrol rules, and an editor
 * per cadence whose YAML is checked by the cadence service's own parser (every problem at its line,
 * nothing stored) and saved as the next version through the API's own save, as the session's rep.
 */
public final class CadencePages {
    private static final YamlDraft.Kind CADENCE = new YamlDraft.Kind("cadence", "steps");
    private static final String NOT_SAVED = "Not saved: the cadence has problems; nothing was stored.";
    private final CadenceService cadences;

    public CadencePages(CadenceService cadences) {
        this.cadences = cadences;
    }

    public void list(Context ctx) {
        ConsoleAccess.Active me = admin(ctx);
        ctx.render("cadences.jte", Map.of("me", ConsolePages.me(me),
                "cadences", cadences.all().stream().map(c -> CadenceViews.row(c, me.rep().timeZone())).toList()));
    }

    /** A cadence's editor; {@code saved} in the address says which version was just saved. */
    public void show(Context ctx) {
        ConsoleAccess.Active me = admin(ctx);
        Cadence cadence = existing(ctx.pathParam("name")).orElseThrow(() -> new ConsoleRefusal(404,
                "There is no cadence named '" + ctx.pathParam("name") + "'. New cadence on the Cadences page writes one."));
        editor(ctx, me, cadence);
    }

    /** The new-cadence editor, or the editor of the cadence its {@code name} names already. */
    public void fresh(Context ctx) {
        ConsoleAccess.Active me = admin(ctx);
        String name = Optional.ofNullable(ctx.queryParam("name")).orElse("").strip();
        Optional<Cadence> cadence = existing(name);
        if (cadence.isPresent()) {
            editor(ctx, me, cadence.get());
        } else {
            render(ctx, 200, me, new CadenceViews.Editor(name, true, 0, "", "", CadenceViews.STARTER, "", null, "", false));
        }
    }

    /** Reads the draft as Save would, stores nothing: htmx gets the result alone (422 with problems), a plain form the page. */
    public void check(Context ctx) {
        ConsoleAccess.Active me = admin(ctx);
        Typed typed = Typed.of(ctx);
        Read read = read(typed);
        CadenceViews.Result result = read.problems() != null ? read.problems() : CadenceViews.checked(read.cadence());
        int status = result.refused() ? 422 : 200;
        if (ConsoleGate.htmx(ctx)) {
            ctx.status(status).render("cadenceresult.jte", Map.of("result", result));
        } else {
            render(ctx, status, me, typed(me, typed, result, "", false));
        }
    }

    /** Stores the draft as the cadence's next version, by the same save as {@code PUT /api/v1/cadences/{name}}, as the session's rep. */
    public void save(Context ctx) {
        ConsoleAccess.Active me = admin(ctx);
        Typed typed = Typed.of(ctx);
        Read read = read(typed);
        if (read.problems() != null) {
            render(ctx, 422, me, typed(me, typed, read.problems(), NOT_SAVED, true));
            return;
        }
        int newest = cadences.find(typed.name()).map(Cadence::version).orElse(0);
        if (newest != typed.version()) {
            render(ctx, 409, me, typed(me, typed, null, (typed.version() == 0 ? "Not saved: a cadence named " + typed.name() + " exists already"
                    : "Not saved: " + typed.name() + " was saved again since you opened it") + " (version " + newest
                    + "). Open it from the Cadences page to change it; your text is below.", true));
            return;
        }
        Cadence saved;
        try {
            saved = cadences.save(typed.name(), read.draft().document(), me.acting().actor());
        } catch (ValidationException e) {
            render(ctx, 422, me, typed(me, typed, CadenceViews.refused(read.draft().locate(e.errors())), NOT_SAVED, true));
            return;
        }
        String href = CadenceViews.href(saved.name());
        ctx.redirect(href + (href.contains("?") ? "&" : "?") + "saved=" + saved.version(), HttpStatus.SEE_OTHER);
    }

    private void editor(Context ctx, ConsoleAccess.Active me, Cadence cadence) {
        String saved = Optional.ofNullable(ctx.queryParam("saved")).orElse("");
        String message = saved.equals(Integer.toString(cadence.version()))
                ? "Saved version " + cadence.version() + " of " + cadence.name() + "." : "";
        render(ctx, 200, me, new CadenceViews.Editor(cadence.name(), false, cadence.version(), CadenceViews.when(cadence.updatedAt(),
                me.rep().timeZone()), cadence.updatedBy(), CadenceViews.yaml(cadence), "", null, message, false));
    }

    /** The editor again with what was typed, what it answered, and (for a cadence that exists) who saved its newest version when. */
    private CadenceViews.Editor typed(ConsoleAccess.Active me, Typed typed, CadenceViews.Result result, String message, boolean refused) {
        String nameProblem = result == null ? "" : result.problems().stream().filter(p -> p.line() == 0).map(CadenceViews.Problem::message)
                .findFirst().orElse("");
        Optional<Cadence> stored = typed.fresh() ? Optional.empty() : existing(typed.name());
        return new CadenceViews.Editor(typed.name(), stored.isEmpty(), Math.max(typed.version(), 0),
                stored.map(c -> CadenceViews.when(c.updatedAt(), me.rep().timeZone())).orElse(""), stored.map(Cadence::updatedBy).orElse(""),
                typed.yaml(), nameProblem, result, message, refused);
    }

    private void render(Context ctx, int status, ConsoleAccess.Active me, CadenceViews.Editor editor) {
        ctx.status(status).render("cadence.jte", Map.of("me", ConsolePages.me(me), "page", editor));
    }

    private Optional<Cadence> existing(String name) {
        try {
            return cadences.find(CadenceParser.name(name));
        } catch (ValidationException e) {
            return Optional.empty();
        }
    }

    /** The draft read: its document, or the problems that stop it (the name's, the YAML's, the cadence's own). */
    private Read read(Typed typed) {
        try {
            CadenceParser.name(typed.name());
        } catch (ValidationException e) {
            return new Read(null, null, CadenceViews.refusedName(typed.name().isEmpty() ? "a cadence needs a name" : e.errors().get(0).message()));
        }
        YamlDraft draft = YamlDraft.read(typed.yaml(), CADENCE);
        if (!draft.readable()) {
            return new Read(null, null, CadenceViews.refused(draft.problems()));
        }
        try {
            return new Read(draft, cadences.check(typed.name(), draft.document()), null);
        } catch (ValidationException e) {
            return new Read(null, null, CadenceViews.refused(draft.locate(e.errors())));
        }
    }

    private record Read(YamlDraft draft, Cadence cadence, CadenceViews.Result problems) {}

    /** What the editor's form sent: the name, the text, and the version it started from (0: a new cadence). */
    private record Typed(String name, String yaml, int version, boolean fresh) {
        static Typed of(Context ctx) {
            String version = Optional.ofNullable(ctx.formParam("version")).orElse("0").strip();
            return new Typed(Optional.ofNullable(ctx.formParam("name")).orElse("").strip(), Optional.ofNullable(ctx.formParam("yaml")).orElse(""),
                    version.matches("\\d{1,6}") ? Integer.parseInt(version) : -1, "true".equals(ctx.formParam("fresh")));
        }
    }

    private static ConsoleAccess.Active admin(Context ctx) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        if (!Permissions.isAdmin(me.rep())) {
            throw new ConsoleRefusal(403, "Not allowed: the Cadences page is for admins only.");
        }
        return me;
    }
}
