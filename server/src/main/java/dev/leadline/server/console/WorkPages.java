package dev.leadline.server.console;

import dev.leadline.core.common.Page;
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

    public WorkPages(LeadService leads, SavedViewService views, TeamService team, ActivityRepository timeline, EnrichmentService enrichment,
                     Clock clock) {
        this.leads = leads;
        this.views = views;
        this.team = team;
        this.timeline = timeline;
        this.enrichment = enrichment;
        this.clock = clock;
    }

    /**
     * The queues the rep works, each with its open leads, then the rep's built-in views with their counts;
     * to a manager, then the set views over everyone's leads.
     */
    List<Views.ViewLink> views(Rep rep, String view, String queue, String scope) {
        Selection current = selection(rep, view, queue, scope);
        CompletableFuture<List<Views.ViewLink>> everyones = Permissions.isManager(rep)
                ? CompletableFuture.supplyAsync(() -> everyones(rep, current), COUNTING) : CompletableFuture.completedFuture(List.of());
        List<Views.ViewLink> links = new ArrayList<>();
        for (LeadQueue q : queuesOf(rep)) {
            long open = leads.count(scope(rep).withQueue(Optional.of(q.id())).withView(LeadView.QUEUE));
            links.add(new Views.ViewLink("Open in " + q.name(), href("queue", q.name(), null, null), open,
                    current.view() == LeadView.QUEUE && current.queue().map(c -> c.id() == q.id()).orElse(false)));
        }
        LeadQuery own = scope(rep).withOwner(Optional.of(rep.id()));
        for (LeadView v : LeadView.values()) {
            if (v != LeadView.QUEUE && v != LeadView.ALL) { // the rep's "all" is "My leads"; queues are listed above
                links.add(new Views.ViewLink(v == LeadView.MINE ? "My leads" : v.title(), href(v.label(), null, null, null),
                        leads.count(own.withView(v)), current.queue().isEmpty() && !current.everyone() && current.view() == v));
            }
        }
        links.addAll(everyones.join());
        return links;
    }

    /** Everyone's set views with their counts. */
    private List<Views.ViewLink> everyones(Rep rep, Selection current) {
        return EVERYONES.stream().map(v -> new Views.ViewLink("Everyone: " + v.title(), href(v.label(), null, EVERYONE, null),
                leads.count(scope(rep).withView(v)), current.everyone() && current.view() == v)).toList();
    }

    Views.LeadList list(Rep rep, String view, String queue, String scope, String after) {
        Selection current = selection(rep, view, queue, scope);
        LeadQuery query = current.queue().map(q -> scope(rep).withQueue(Optional.of(q.id())).withView(LeadView.QUEUE))
                .orElseGet(() -> views.open(current.view().label(), current.everyone() ? scope(rep) : scope(rep).withOwner(Optional.of(rep.id()))));
        Page<Lead> page = leads.list(query.withPage(LeadQuery.DEFAULT_LIMIT, Optional.ofNullable(after).filter(a -> !a.isBlank())
                .map(LeadCursor::decode)));
        String label = current.view().label();
        String queueName = current.queue().map(LeadQueue::name).orElse(null);
        String scopeName = current.everyone() ? EVERYONE : null;
        String title = current.queue().map(q -> "Open in " + q.name()).orElse(current.view() == LeadView.MINE ? "My leads"
                : current.everyone() ? "Everyone: " + current.view().title() : current.view().title());
        return new Views.LeadList(title, page.items().stream().map(this::row).toList(), "/console/list" + query(label, queueName, scopeName, null),
                page.nextCursor().map(c -> href(label, queueName, scopeName, c)).orElse(""));
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

    /** {@code everyone}: a manager's set view over everyone's leads, not the rep's own. */
    private record Selection(LeadView view, Optional<LeadQueue> queue, boolean everyone) {
        Selection(LeadView view, Optional<LeadQueue> queue) {
            this(view, queue, false);
        }
    }

    /** The view asked for; without one, the first queue the rep works, else the rep's own leads. */
    private Selection selection(Rep rep, String view, String queue, String scope) {
        if (view == null || view.isBlank()) {
            return queuesOf(rep).stream().findFirst().map(q -> new Selection(LeadView.QUEUE, Optional.of(q)))
                    .orElse(new Selection(LeadView.MINE, Optional.empty()));
        }
        LeadView asked = LeadView.parse(view);
        if (EVERYONE.equals(scope) && EVERYONES.contains(asked) && Permissions.isManager(rep)) {
            return new Selection(asked, Optional.empty(), true);
        }
        LeadView parsed = LeadView.parse(view);
        if (parsed == LeadView.QUEUE) {
            LeadQueue q = team.queueByName(queue == null ? "" : queue)
                    .orElseThrow(() -> new dev.leadline.core.common.ValidationException("queue", "no queue named '" + queue + "'"));
            return new Selection(parsed, Optional.of(q));
        }
        return new Selection(parsed, Optional.empty());
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

    private static String href(String view, String queue, String scope, String after) {
        return "/console" + query(view, queue, scope, after);
    }

    private static String query(String view, String queue, String scope, String after) {
        return "?view=" + encode(view) + (queue == null ? "" : "&queue=" + encode(queue)) + (scope == null ? "" : "&scope=" + scope)
                + (after == null ? "" : "&after=" + encode(after));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
