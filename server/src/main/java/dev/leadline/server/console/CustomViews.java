package dev.leadline.server.console;

import dev.leadline.core.access.ConsoleAccess;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.LeadQuery;
import dev.leadline.core.lead.LeadService;
import dev.leadline.core.lead.LeadView;
import dev.leadline.core.team.Rep;
import dev.leadline.core.views.SavedView;
import dev.leadline.core.views.SavedViewService;
import dev.leadline.core.views.ViewDefinition;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The custom views on My work: the rep's own and the shared ones, counted, saved and deleted through the same
 * {@link SavedViewService} as {@code /api/v1/views}. A view opens as {@code GET /api/v1/leads?view=<name>} does
 * without an owner: its base and filters over every lead (a view based on {@code mine}, over its owner's).
 */
final class CustomViews {
    private final SavedViewService views;
    private final LeadService leads;
    private final Clock clock;

    CustomViews(SavedViewService views, LeadService leads, Clock clock) {
        this.views = views;
        this.leads = leads;
        this.clock = clock;
    }

    /** The custom view of that name, if the rep may see it. */
    Optional<SavedView> visible(Rep rep, String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return views.visibleTo(Optional.of(rep.id())).stream().filter(v -> v.name().equals(wanted)).findFirst();
    }

    /** The views the rep may see, each with the address that counts it (counted after the page, by htmx). */
    List<Views.CustomViewLink> links(Rep rep, Optional<SavedView> current) {
        return views.visibleTo(Optional.of(rep.id())).stream().map(v -> new Views.CustomViewLink(v.name(), "/console?view=" + v.name(),
                "/console/views/" + v.name() + "/count", current.map(c -> c.name().equals(v.name())).orElse(false),
                own(rep, v) ? "/console/views/" + v.name() + "/delete" : "")).toList();
    }

    /** How many leads the view holds, as My work opens it. */
    long count(Rep rep, String name) {
        SavedView view = visible(rep, name).orElseThrow(() -> new NotFoundException("view", name));
        return leads.count(view.applyTo(LeadQuery.at(clock.instant(), rep.timeZone())));
    }

    /**
     * Saves the rep's own view of every lead whose {@code field op value}, replacing the rep's own view of that name.
     *
     * @throws ValidationException naming each problem (the filter as {@code filters[0]}); a name another rep's or a
     *     shared view has is one
     */
    SavedView save(ConsoleAccess.Active me, String name, String field, String op, String value) {
        String wanted = name == null ? "" : name.strip();
        if (views.visibleTo(Optional.empty()).stream().anyMatch(v -> v.name().equals(wanted) && !own(me.rep(), v))) {
            throw new ValidationException("name", "'" + wanted + "' is another rep's or a shared view; choose another name");
        }
        List<String> values = value == null || value.isEmpty() ? List.of() : List.of(value);
        return views.save(wanted, new ViewDefinition(Optional.of(me.rep().email()), Optional.of(LeadView.ALL.label()),
                List.of(new ViewDefinition.Condition(field, op, values)), Optional.empty()), me.acting().actor());
    }

    /** Deletes the rep's own view; another rep's is not found, a shared one is refused (an admin removes it through the API). */
    void delete(ConsoleAccess.Active me, String name) {
        SavedView view = visible(me.rep(), name).orElseThrow(() -> new NotFoundException("view", name));
        if (!own(me.rep(), view)) {
            throw new ConsoleRefusal(403, "'" + view.name() + "' is a shared view; an admin removes it through the API");
        }
        views.delete(view.name(), me.acting().actor());
    }

    private static boolean own(Rep rep, SavedView view) {
        return view.ownerRepId().equals(Optional.of(rep.id()));
    }
}
