package dev.leadline.server.console;

import dev.leadline.core.access.ConsoleAccess;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.routing.DraftTrial;
import dev.leadline.core.routing.RoutingService;
import dev.leadline.core.routing.RuleSet;
import dev.leadline.core.routing.RuleSetRepository;
import dev.leadline.core.routing.RulesService;
import dev.leadline.core.team.Permissions;
import dev.leadline.core.team.TeamService;
import dev.leadline.server.routing.RulesDraft;
import dev.leadline.server.routing.RulesYaml;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Routing page, for admins: each purpose's rule set drawn as a graph, its versions and a diff of any
 * two, and an editor whose draft is checked (every problem at its line), tried on the last leads the
 * rules routed (storing nothing) and published as the next version through the API's own save.
 */
public final class RoutingPages {
    private static final List<String> PURPOSES = List.of("api", "form", "import", "reassignment", "default");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private final RulesService rules;
    private final RoutingService routing;
    private final TeamService team;

    public RoutingPages(RulesService rules, RoutingService routing, TeamService team) {
        this.rules = rules;
        this.routing = routing;
        this.team = team;
    }

    public void page(Context ctx) {
        ConsoleAccess.Active me = admin(ctx);
        String purpose = Optional.ofNullable(ctx.queryParam("purpose")).orElseGet(() -> PURPOSES.stream()
                .filter(p -> rules.current(p).isPresent()).findFirst().orElse(RuleSet.DEFAULT));
        Integer published = number(ctx.queryParam("published"));
        Integer from = published != null ? Integer.valueOf(published - 1) : number(ctx.queryParam("from"));
        Integer to = published != null ? published : number(ctx.queryParam("to"));
        String message = published == null ? "" : "Published version " + published + " of the " + purpose + " rules; leads are routed by it from now on.";
        render(ctx, 200, me, purpose(purpose), new Asked(number(ctx.queryParam("version")), from, to, null, null, "200", message));
    }

    public void check(Context ctx) {
        ConsoleAccess.Active me = admin(ctx);
        String purpose = purpose(ctx.pathParam("purpose"));
        RulesDraft draft = RulesDraft.read(yaml(ctx));
        RoutingViews.DraftResult result;
        if (!draft.readable()) {
            result = refused(draft.problems());
        } else {
            try {
                rules.draft(purpose, draft.document());
                result = new RoutingViews.DraftResult(List.of(), RoutingViews.graph("The draft", draft.document()), null);
            } catch (ValidationException e) {
                result = refused(draft.locate(e.errors()));
            }
        }
        answer(ctx, me, purpose, result);
    }

    public void dryRun(Context ctx) {
        ConsoleAccess.Active me = admin(ctx);
        String purpose = purpose(ctx.pathParam("purpose"));
        RulesDraft draft = RulesDraft.read(yaml(ctx));
        String last = Optional.ofNullable(ctx.formParam("last")).orElse("200").strip();
        RoutingViews.DraftResult result;
        if (!draft.readable()) {
            result = refused(draft.problems());
        } else {
            try {
                DraftTrial trial = routing.tryDraft(purpose, draft.document(), last.matches("\\d{1,9}") ? Integer.parseInt(last) : -1);
                result = new RoutingViews.DraftResult(List.of(), RoutingViews.graph("The draft", draft.document()), RoutingViews.trial(trial, team));
            } catch (ValidationException e) {
                result = e.errors().stream().allMatch(f -> f.field().equals("last"))
                        ? new RoutingViews.DraftResult(List.of(new RoutingViews.Problem(0, "Leads to try it on", e.errors().get(0).message())), null, null)
                        : refused(draft.locate(e.errors()));
            }
        }
        answer(ctx, me, purpose, result);
    }

    /** Stores the draft as the purpose's next version, by the same save as {@code PUT /api/v1/rules/{purpose}}, as the session's rep. */
    public void publish(Context ctx) {
        ConsoleAccess.Active me = admin(ctx);
        String purpose = purpose(ctx.pathParam("purpose"));
        String yaml = yaml(ctx);
        RulesDraft draft = RulesDraft.read(yaml);
        if (!draft.readable()) {
            renderRefused(ctx, me, purpose, yaml, refused(draft.problems()));
            return;
        }
        int before = rules.versions(purpose).stream().mapToInt(RuleSetRepository.Stored::version).max().orElse(0);
        RuleSet saved;
        try {
            saved = rules.save(purpose, draft.document(), me.acting().actor());
        } catch (ValidationException e) {
            renderRefused(ctx, me, purpose, yaml, refused(draft.locate(e.errors())));
            return;
        }
        if (saved.version() == before) {
            render(ctx, 200, me, purpose, Asked.draft(yaml, null, "200",
                    "Not published: the draft is the same as version " + before + ", which stays in force."));
            return;
        }
        ctx.redirect("/console/admin/routing?purpose=" + purpose + "&published=" + saved.version(), HttpStatus.SEE_OTHER);
    }

    private void renderRefused(Context ctx, ConsoleAccess.Active me, String purpose, String yaml, RoutingViews.DraftResult result) {
        render(ctx, 422, me, purpose, Asked.draft(yaml, result, "200", "Not published: the draft has problems; nothing was stored."));
    }

    private static RoutingViews.DraftResult refused(List<dev.leadline.server.config.ConfigProblem> problems) {
        return new RoutingViews.DraftResult(RoutingViews.problems(problems), null, null);
    }

    /** htmx swaps the result beside the editor (422 when the draft has problems); without it, the whole page. */
    private void answer(Context ctx, ConsoleAccess.Active me, String purpose, RoutingViews.DraftResult result) {
        int status = result.refused() ? 422 : 200;
        if (ConsoleGate.htmx(ctx)) {
            ctx.status(status).render("routingresult.jte", Map.of("result", result));
        } else {
            render(ctx, status, me, purpose, Asked.draft(yaml(ctx), result, Optional.ofNullable(ctx.formParam("last")).orElse("200"), ""));
        }
    }

    /**
     * What the page is asked to show: a version (null: the newest), two versions to compare, the draft as
     * typed (null: the shown version's text) with what checking it answered, and a sentence.
     */
    private record Asked(Integer version, Integer from, Integer to, String typed, RoutingViews.DraftResult result, String last,
                         String message) {
        static Asked draft(String typed, RoutingViews.DraftResult result, String last, String message) {
            return new Asked(null, null, null, typed, result, last, message);
        }
    }

    private void render(Context ctx, int status, ConsoleAccess.Active me, String purpose, Asked asked) {
        List<RuleSetRepository.Stored> versions = rules.versions(purpose);
        Optional<RuleSetRepository.Stored> shown = versions.stream().filter(v -> asked.version() == null || v.version() == asked.version()).findFirst();
        int newest = versions.stream().mapToInt(RuleSetRepository.Stored::version).max().orElse(0);
        String yaml = asked.typed() != null ? asked.typed() : shown.map(RoutingPages::text).orElse("");
        Optional<RoutingViews.Diff> diff = diff(versions, asked.from(), asked.to());
        String note = asked.message() + (asked.from() != null && asked.to() != null && asked.from() > 0 && diff.isEmpty()
                ? (asked.message().isEmpty() ? "" : " ") + "There is no version " + asked.from() + " or " + asked.to() + " to compare." : "");
        RoutingPage page = new RoutingPage(purpose, PURPOSES.stream().map(p -> new RoutingViews.PurposeLink(p, "/console/admin/routing?purpose=" + p,
                p.equals(purpose), rules.current(p).map(r -> "version " + r.version()).orElse("no rules"))).toList(),
                shown.filter(s -> s.document() != null).map(s -> RoutingViews.graph("Version " + s.version()
                        + (s.version() == newest ? " (in force)" : ""), s.document())).orElse(null),
                shown.map(RuleSetRepository.Stored::version).orElse(0), newest, yaml,
                rows(purpose, versions, shown, me.rep().timeZone()), diff.orElse(null), asked.result(), asked.last(), note, status >= 400);
        ctx.status(status).render("routing.jte", Map.of("me", ConsolePages.me(me), "page", page));
    }

    private static List<RoutingViews.VersionRow> rows(String purpose, List<RuleSetRepository.Stored> versions,
                                                      Optional<RuleSetRepository.Stored> shown, ZoneId zone) {
        return versions.stream().map(v -> new RoutingViews.VersionRow(v.version(), WHEN.format(v.at().atZone(zone)), v.by(), v.document() == null,
                "/console/admin/routing?purpose=" + purpose + "&version=" + v.version(), shown.map(s -> s.version() == v.version()).orElse(false)))
                .toList();
    }

    private static Optional<RoutingViews.Diff> diff(List<RuleSetRepository.Stored> versions, Integer from, Integer to) {
        if (from == null || to == null) {
            return Optional.empty();
        }
        Optional<RuleSetRepository.Stored> a = versions.stream().filter(v -> v.version() == from).findFirst();
        Optional<RuleSetRepository.Stored> b = versions.stream().filter(v -> v.version() == to).findFirst();
        return a.isPresent() && b.isPresent() ? Optional.of(RoutingViews.diff(from, text(a.get()), to, text(b.get()))) : Optional.empty();
    }

    /** The page: {@code shown} is the version drawn and loaded into the editor (0: none), {@code newest} the one in force. */
    public record RoutingPage(String purpose, List<RoutingViews.PurposeLink> purposes, RoutingViews.Graph graph, int shown, int newest,
                              String yaml, List<RoutingViews.VersionRow> versions, RoutingViews.Diff diff, RoutingViews.DraftResult result,
                              String last, String message, boolean refused) {
        public String action(String what) {
            return "/console/admin/routing/" + purpose + "/" + what;
        }
    }

    private static String text(RuleSetRepository.Stored stored) {
        return stored.document() == null ? "" : RulesYaml.writeOne(stored.document());
    }

    private static String yaml(Context ctx) {
        return Optional.ofNullable(ctx.formParam("yaml")).orElse("");
    }

    private static Integer number(String text) {
        return text != null && text.strip().matches("\\d{1,6}") ? Integer.valueOf(text.strip()) : null;
    }

    private static String purpose(String purpose) {
        if (!PURPOSES.contains(purpose)) {
            throw new ConsoleRefusal(404, "There is no purpose '" + purpose + "'; rule sets exist for " + String.join(", ", PURPOSES) + ".");
        }
        return purpose;
    }

    private static ConsoleAccess.Active admin(Context ctx) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        if (!Permissions.isAdmin(me.rep())) {
            throw new ConsoleRefusal(403, "Not allowed: the Routing page is for admins only.");
        }
        return me;
    }
}
