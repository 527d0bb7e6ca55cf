package dev.leadline.server.console;

import dev.leadline.core.common.Page;
import dev.leadline.core.common.Text;
import dev.leadline.core.enrichment.EnrichmentService;
import dev.leadline.core.enrichment.ProviderScore;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadCursor;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadQuery;
import dev.leadline.core.lead.LeadService;
import dev.leadline.core.lead.LeadView;
import dev.leadline.core.activity.ActivityRepository;
import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.Permissions;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import dev.leadline.core.views.SavedView;
import dev.leadline.core.views.SavedViewService;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The data of the My work and lead pages, read through the same services as the REST API's
 * {@code /api/v1/leads?view=}, {@code /views/counts}, {@code /leads/{id}/timeline} and {@code /enrichment}.
 */
public final class WorkPages {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);
    /** The views a manager also sees counted over everyone's leads ({@code scope=everyone}). */
    private static final List<LeadView> EVERYONES = List.of(LeadView.OVERDUE, LeadView.UPCOMING, LeadView.NO_UPCOMING, LeadView.IDLE,
            LeadView.NO_ACTIVITY);
    private static final String EVERYONE = "everyone";
    /**
     * Counts everyone's views while the request's thread counts the rep's own: a thread per page being
     * drawn, not the common pool, whose one thread on a small machine would queue the managers' pages.
     */
    private static final ExecutorService COUNTING = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "console-counts");
        thread.setDaemon(true);
        return thread;
    });
    private final LeadService leads;
    private final SavedViewService views;
    private final TeamService team;
    private final ActivityRepository timeline;
    private final EnrichmentService enrichment;
    private final Clock clock;
    private final CustomViews custom;

    public WorkPages(LeadService leads, SavedViewService views, TeamService team, ActivityRepository timeline, EnrichmentService enrichment,
                     Clock clock) {
        this.leads = leads;
        this.views = views;
        this.team = team;
        this.timeline = timeline;
        this.enrichment = enrichment;
        this.clock = clock;
        this.custom = new CustomViews(views, leads, clock);
    }

    /**
     * The queues the rep works, each with its open leads, then the rep's built-in views with their counts;
     * to a manager, then the set views over everyone's leads.
     */
    List<Views.ViewLink> views(Rep rep, String view, String queue, String scope, String q, boolean counted) {
        Selection current = selection(rep, view, queue, scope, q);
        // counted, everyone's set views are counted beside the rep's own; uncounted there is nothing to wait for
        CompletableFuture<List<Views.ViewLink>> everyones = !Permissions.isManager(rep) ? CompletableFuture.completedFuture(List.of())
                : counted ? CompletableFuture.supplyAsync(() -> everyones(rep, current, true), COUNTING)
                : CompletableFuture.completedFuture(everyones(rep, current, false));
        List<Views.ViewLink> links = new ArrayList<>();
        for (LeadQueue each : queuesOf(rep)) {
            long open = !counted ? -1 : leads.count(scope(rep).withQueue(Optional.of(each.id())).withView(LeadView.QUEUE));
            links.add(new Views.ViewLink("Open in " + each.name(), href("queue", each.name(), null, null, null), open,
                    current.view() == LeadView.QUEUE && current.queue().map(c -> c.id() == each.id()).orElse(false)));
        }
        LeadQuery own = scope(rep).withOwner(Optional.of(rep.id()));
        for (LeadView v : LeadView.values()) {
            if (v != LeadView.QUEUE && v != LeadView.ALL) { // the rep's "all" is "My leads"; queues are listed above
                links.add(new Views.ViewLink(v == LeadView.MINE ? "My leads" : v.title(), href(v.label(), null, null, null, null),
                        !counted ? -1 : leads.count(own.withView(v)), current.queue().isEmpty() && current.custom().isEmpty() && !current.everyone()
                        && current.view() == v));
            }
        }
        links.addAll(everyones.join());
        return links;
    }

    /** Everyone's set views with their counts. */
    private List<Views.ViewLink> everyones(Rep rep, Selection current, boolean counted) {
        return EVERYONES.stream().map(v -> new Views.ViewLink("Everyone: " + v.title(), href(v.label(), null, EVERYONE, null, null),
                !counted ? -1 : leads.count(scope(rep).withView(v)), current.everyone() && current.view() == v)).toList();
    }

    /** The rep's own and the shared custom views, the open one marked. */
    List<Views.CustomViewLink> customViews(Rep rep, String view) {
        return custom.links(rep, custom.visible(rep, view));
    }

    CustomViews custom() {
        return custom;
    }

    /**
     * A page of the chosen view; with {@code q}, only its leads whose email, first or last name or company begins with it
     * ({@code GET /api/v1/leads?q=}), in every lead the rep may see when no view is chosen.
     */
    Views.LeadList list(Rep rep, String view, String queue, String scope, String after, String q) {
        Selection current = selection(rep, view, queue, scope, q);
        Optional<String> text = searchText(q);
        LeadQuery wide = scope(rep).withText(text);
        LeadQuery query = current.queue().map(each -> wide.withQueue(Optional.of(each.id())).withView(LeadView.QUEUE))
                .or(() -> current.custom().map(v -> v.applyTo(wide)))
                .orElseGet(() -> views.open(current.view().label(), current.everyone() || current.view() == LeadView.ALL ? wide
                        : wide.withOwner(Optional.of(rep.id()))));
        Page<Lead> page = leads.list(query.withPage(LeadQuery.DEFAULT_LIMIT, Optional.ofNullable(after).filter(a -> !a.isBlank())
                .map(LeadCursor::decode)));
        String queueName = current.queue().map(LeadQueue::name).orElse(null);
        String scopeName = current.everyone() ? EVERYONE : null;
        String searched = text.orElse(null);
        String title = current.title() + text.map(t -> " beginning with \u2018" + Text.abbreviate(t) + "\u2019").orElse("");
        return new Views.LeadList(title, page.items().stream().map(this::row).toList(),
                "/console/list" + query(current.label(), queueName, scopeName, searched, null),
                page.nextCursor().map(c -> href(current.label(), queueName, scopeName, searched, c)).orElse(""));
    }

    /** What is wrong with a search, if anything: the API refuses the same ({@code q} with a NUL or a lone surrogate). */
    static Optional<String> searchProblem(String q) {
        return Text.problem(q).map(p -> "This search was not run: the text " + p + ". Type it again without that.");
    }

    private static Optional<String> searchText(String q) {
        return Optional.ofNullable(q).filter(t -> !t.isBlank()).map(t -> Text.checked("q", t));
    }

    /** The lead as {@code viewer} sees it, with the actions the viewer may take and a message (a refusal when {@code refused}). */
    Views.LeadPage lead(LeadId id, Rep viewer, List<Views.Action> actions, String message, boolean refused) {
        Lead lead = leads.get(id);
        List<Views.Field> fields = new ArrayList<>();
        for (LeadField field : LeadField.values()) {
            lead.data().get(field).ifPresent(value -> fields.add(new Views.Field(Views.words(field.jsonName()), value)));
        }
        lead.data().customFields().forEach((name, value) -> fields.add(new Views.Field(name, value)));
        List<Views.Reason> reasons = new ArrayList<>();
        for (ProviderScore score : enrichment.insight(id).scores()) {
            score.reasons().forEach(r -> reasons.add(new Views.Reason(score.provider(), (r.points() > 0 ? "+" : "") + r.points(), r.text())));
        }
        List<Views.Entry> entries = timeline.forLead(id, 200).stream().map(a -> new Views.Entry(
                WHEN.format(a.occurredAt().atZone(viewer.timeZone())), a.summary(), a.actor().toString())).toList();
        return new Views.LeadPage(lead.id().toString(), lead.data().displayName(), lead.status().label(), owner(lead),
                lead.queueId() == null ? "" : team.queue(lead.queueId()).map(LeadQueue::name).orElse(""),
                lead.score() == null ? "" : lead.score().toString(), fields, reasons, entries, actions, message, refused);
    }

    /** {@code everyone}: a manager's set view over everyone's leads, not the rep's own; {@code custom}: a custom view. */
    private record Selection(String label, LeadView view, Optional<LeadQueue> queue, boolean everyone, Optional<SavedView> custom) {
        static Selection of(LeadView view) {
            return new Selection(view.label(), view, Optional.empty(), false, Optional.empty());
        }

        String title() {
            return queue.map(q -> "Open in " + q.name()).or(() -> custom.map(SavedView::name)).orElse(view == LeadView.MINE ? "My leads"
                    : view == LeadView.ALL ? "All leads" : everyone ? "Everyone: " + view.title() : view.title());
        }
    }

    /** The view asked for; without one, every lead when searching, else the first queue the rep works, else the rep's own leads. */
    private Selection selection(Rep rep, String view, String queue, String scope, String q) {
        if (view == null || view.isBlank()) {
            if (q != null && !q.isBlank()) {
                return Selection.of(LeadView.ALL);
            }
            return queuesOf(rep).stream().findFirst().map(each -> new Selection("queue", LeadView.QUEUE, Optional.of(each), false,
                    Optional.empty())).orElse(Selection.of(LeadView.MINE));
        }
        Optional<SavedView> saved = custom.visible(rep, view);
        if (saved.isPresent()) {
            return new Selection(saved.get().name(), saved.get().base(), Optional.empty(), false, saved);
        }
        LeadView parsed = LeadView.parse(view);
        if (EVERYONE.equals(scope) && EVERYONES.contains(parsed) && Permissions.isManager(rep)) {
            return new Selection(parsed.label(), parsed, Optional.empty(), true, Optional.empty());
        }
        if (parsed == LeadView.QUEUE) {
            LeadQueue each = team.queueByName(queue == null ? "" : queue)
                    .orElseThrow(() -> new dev.leadline.core.common.ValidationException("queue",
                    queue == null || queue.isBlank() ? "name the queue to list (queue=...)" : "no queue named '" + queue + "'"));
            return new Selection(parsed.label(), parsed, Optional.of(each), false, Optional.empty());
        }
        return Selection.of(parsed);
    }

    private List<LeadQueue> queuesOf(Rep rep) {
        return team.queues().stream().filter(q -> q.memberRepIds().contains(rep.id())).toList();
    }

    private LeadQuery scope(Rep rep) {
        return LeadQuery.at(clock.instant(), rep.timeZone());
    }

    /** A lead as the lists show it. */
    Views.Row row(LeadId id) {
        return row(leads.get(id));
    }

    private Views.Row row(Lead lead) {
        return new Views.Row(lead.id().toString(), lead.data().displayName(), lead.data().get(LeadField.COMPANY).orElse(""),
                lead.status().label(), lead.score() == null ? "" : lead.score().toString(), owner(lead));
    }

    private String owner(Lead lead) {
        return lead.ownerRepId() == null ? "" : team.rep(lead.ownerRepId()).map(Rep::name).orElse("");
    }

    private static String href(String view, String queue, String scope, String q, String after) {
        return "/console" + query(view, queue, scope, q, after);
    }

    private static String query(String view, String queue, String scope, String q, String after) {
        return "?view=" + encode(view) + (queue == null ? "" : "&queue=" + encode(queue)) + (scope == null ? "" : "&scope=" + scope)
                + (q == null ? "" : "&q=" + encode(q)) + (after == null ? "" : "&after=" + encode(after));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
