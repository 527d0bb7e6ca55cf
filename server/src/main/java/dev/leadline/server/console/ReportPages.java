package dev.leadline.server.console;

import dev.leadline.core.access.ConsoleAccess;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.report.DataQuality;
import dev.leadline.core.report.ReportFilter;
import dev.leadline.core.report.ReportLeads;
import dev.leadline.core.report.ReportTable;
import dev.leadline.core.report.Reports;
import dev.leadline.core.report.RoutingFairness;
import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.Permissions;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import dev.leadline.server.http.ReportCsv;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Reports pages: each report of {@code /api/v1/reports} with the same filters (a GET form, so a page
 * can be bookmarked), its chart, its table and its CSV; and the leads behind any of its numbers. Who sees
 * what is the API's rule: managers and admins everything, a rep only their own numbers and neither
 * fairness nor quality.
 */
public final class ReportPages {
    static final List<String> FILTERS = List.of("from", "to", "tz", "by", "source", "campaign", "queue", "rep");
    private static final int PAGE = 50;
    private final Reports reports;
    private final RoutingFairness fairness;
    private final DataQuality quality;
    private final ReportLeads drill;
    private final TeamService team;
    private final WorkPages work;
    private final Clock clock;

    public ReportPages(Reports reports, RoutingFairness fairness, DataQuality quality, TeamService team, WorkPages work, Clock clock) {
        this.reports = reports;
        this.fairness = fairness;
        this.quality = quality;
        this.drill = new ReportLeads(reports, fairness);
        this.team = team;
        this.work = work;
        this.clock = clock;
    }

    public void index(Context ctx) {
        ctx.redirect("/console/reports/funnel", HttpStatus.SEE_OTHER);
    }

    public void report(Context ctx) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        ReportViews.Kind kind = kind(ctx, me.rep());
        Map<String, String> asked = asked(ctx);
        ReportViews.Form form = form(kind, asked, me.rep());
        try {
            ReportTable table = table(kind, filter(kind, asked, me.rep()));
            ctx.render("report.jte", Map.of("me", ConsolePages.me(me), "page", new ReportViews.ReportPage(kind.name(), kind.title(),
                    kind.intro(), tabs(kind, me.rep()), form, ReportViews.chart(table, kind), ReportViews.table(table, kind, asked),
                    "/console/reports/" + kind.name() + ".csv" + ReportViews.query(asked), Map.of())));
        } catch (ValidationException e) {
            Map<String, String> problems = new LinkedHashMap<>();
            e.errors().forEach(error -> problems.merge(error.field(), error.message(), (a, b) -> a + "; " + b));
            ctx.status(422).render("report.jte", Map.of("me", ConsolePages.me(me), "page", new ReportViews.ReportPage(kind.name(),
                    kind.title(), kind.intro(), tabs(kind, me.rep()), form, null, null, "", problems)));
        }
    }

    /** The report as CSV, the same file as the API's {@code format=csv}. */
    public void csv(Context ctx) throws IOException {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        ReportViews.Kind kind = kind(ctx, me.rep());
        ReportCsv.write(ctx, table(kind, filter(kind, asked(ctx), me.rep())));
    }

    /** The leads behind one number: the cell's row and column with the report's filter; by lead id, {@value #PAGE} a page. */
    public void leads(Context ctx) {
        ConsoleAccess.Active me = ConsoleGate.active(ctx);
        ReportViews.Kind kind = kind(ctx, me.rep());
        Map<String, String> asked = asked(ctx);
        Map<String, String> keys = new LinkedHashMap<>();
        for (String key : List.of("group", "step", "period")) {
            Optional.ofNullable(ctx.queryParam(key)).ifPresent(value -> keys.put(key, value));
        }
        String column = ctx.queryParam("column");
        ReportLeads.Page page = drill.page(kind.name(), filter(kind, asked, me.rep()), keys, column,
                Optional.ofNullable(ctx.queryParam("after")).filter(a -> !a.isBlank()), PAGE);
        Map<String, String> here = new LinkedHashMap<>(asked);
        here.putAll(keys);
        here.put("column", column);
        String title = page.total() + (ReportLeads.countsLeads(kind.name(), column) ? (page.total() == 1 ? " lead" : " leads")
                : page.total() == 1 ? " entry" : " entries") + " behind " + kind.title() + " › "
                + String.join(" › ", keys.values()) + (keys.isEmpty() ? "" : " › ") + column;
        List<Views.Row> rows = page.leads().stream().map(b -> work.row(new LeadId(b.leadId()))).toList();
        String next = page.next().map(cursor -> {
            Map<String, String> more = new LinkedHashMap<>(here);
            more.put("after", cursor);
            return "/console/reports/" + kind.name() + "/leads" + ReportViews.query(more);
        }).orElse("");
        String back = "/console/reports/" + kind.name() + ReportViews.query(asked);
        List<Views.Field> why = page.leads().stream().filter(b -> b.why() != null)
                .map(b -> new Views.Field(new LeadId(b.leadId()) + " at " + b.at(), b.why())).toList();
        ctx.render("report-leads.jte", Map.of("me", ConsolePages.me(me), "title", title, "total", page.total(), "back", back,
                "list", new Views.LeadList(title, rows, "", next), "why", why));
    }

    private ReportTable table(ReportViews.Kind kind, ReportFilter filter) {
        Function<ReportFilter, ReportTable> report = switch (kind.name()) {
            case "funnel" -> reports::funnel;
            case "conversion" -> reports::conversion;
            case "reps" -> reports::reps;
            case "trends" -> reports::trends;
            case "fairness" -> fairness::fairness;
            default -> quality::quality;
        };
        return report.apply(filter);
    }

    /** The filter the form asks for, narrowed as the API narrows it: a rep who is not a manager sees only their own numbers. */
    private ReportFilter filter(ReportViews.Kind kind, Map<String, String> asked, Rep me) {
        ReportFilter filter = ReportFilter.parse(asked, Reports.GROUPINGS.get(kind.name()), team, clock.instant());
        if (Permissions.isManager(me)) {
            return filter;
        }
        if (filter.rep().isPresent() && filter.rep().get().id() != me.id()) {
            throw new ConsoleRefusal(403, "Not allowed: a rep sees only their own numbers. Leave out the rep or name " + me.email() + ".");
        }
        return filter.withRep(me);
    }

    /** The report named in the path, if this rep may read it: fairness and quality are for managers and admins. */
    private static ReportViews.Kind kind(Context ctx, Rep me) {
        String name = ctx.pathParam("report");
        ReportViews.Kind kind = ReportViews.KINDS.stream().filter(k -> k.name().equals(name)).findFirst()
                .orElseThrow(() -> new ConsoleRefusal(404, "There is no report named " + name + "."));
        if (kind.managers() && !Permissions.isManager(me)) {
            throw new ConsoleRefusal(403, "Not allowed: the " + kind.title() + " report is for managers and admins.");
        }
        return kind;
    }

    /** The filter's inputs that were filled in (an empty input means the default). */
    private static Map<String, String> asked(Context ctx) {
        Map<String, String> asked = new LinkedHashMap<>();
        for (String name : FILTERS) {
            Optional.ofNullable(ctx.queryParam(name)).map(String::strip).filter(v -> !v.isEmpty()).ifPresent(v -> asked.put(name, v));
        }
        return asked;
    }

    private static List<ReportViews.Tab> tabs(ReportViews.Kind current, Rep me) {
        return ReportViews.KINDS.stream().filter(k -> !k.managers() || Permissions.isManager(me))
                .map(k -> new ReportViews.Tab(k.title(), "/console/reports/" + k.name(), k == current)).toList();
    }

    private ReportViews.Form form(ReportViews.Kind kind, Map<String, String> asked, Rep me) {
        List<Views.Option> by = Reports.GROUPINGS.get(kind.name()).stream()
                .map(b -> new Views.Option(b, b, b.equals(asked.getOrDefault("by", "")))).toList();
        List<Views.Option> queues = team.queues().stream().sorted(Comparator.comparing(LeadQueue::name))
                .map(q -> new Views.Option(q.name(), q.name(), q.name().equalsIgnoreCase(asked.getOrDefault("queue", "")))).toList();
        boolean ownOnly = !Permissions.isManager(me);
        List<Views.Option> reps = (ownOnly ? List.of(me) : team.reps().stream().sorted(Comparator.comparing(Rep::email)).toList()).stream()
                .map(r -> new Views.Option(r.email(), r.name() + " (" + r.email() + ")", r.email().equalsIgnoreCase(asked.getOrDefault("rep", ""))))
                .toList();
        return new ReportViews.Form(asked, by, queues, reps, ownOnly);
    }
}
