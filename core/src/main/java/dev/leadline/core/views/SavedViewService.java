package dev.leadline.core.views;

import dev.leadline.core.activity.AuditEntry;
import dev.leadline.core.activity.AuditLog;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.FieldError;
import dev.leadline.core.common.Ids;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.FilterField;
import dev.leadline.core.lead.LeadFilter;
import dev.leadline.core.lead.LeadQuery;
import dev.leadline.core.lead.LeadSort;
import dev.leadline.core.lead.LeadView;
import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Custom list views: checks and stores them (audited), lists the ones a rep may see, and opens any
 * view by name, built-in or custom, into a lead query.
 */
public final class SavedViewService {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,59}");
    static final int MAX_FILTERS = 50;
    static final int MAX_VALUES = 100;
    static final int MAX_VALUE_LENGTH = 1000;

    private final Transactor transactor;
    private final SavedViewRepository views;
    private final TeamService team;
    private final AuditLog audit;
    private final Clock clock;

    public SavedViewService(Transactor transactor, SavedViewRepository views, TeamService team, AuditLog audit, Clock clock) {
        this.transactor = transactor;
        this.views = views;
        this.team = team;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Creates the view or replaces the one with this name.
     *
     * @throws ValidationException naming every problem, field by field; nothing is stored then
     */
    public SavedView save(String name, ViewDefinition definition, Actor actor) {
        SavedView checked = check(name, definition);
        return transactor.inTransaction(() -> {
            Optional<SavedView> before = views.findByName(checked.name());
            SavedView after = views.upsert(checked, clock.instant());
            audit.record(List.of(new AuditEntry("view", after.name(), before.isEmpty() ? "created" : "updated", actor, clock.instant(),
                    before.map(SavedViewService::snapshot).orElse(null), snapshot(after))));
            return after;
        });
    }

    public void delete(String name, Actor actor) {
        transactor.inTransaction(() -> {
            SavedView view = get(name);
            views.delete(view.name());
            audit.record(List.of(new AuditEntry("view", view.name(), "deleted", actor, clock.instant(), snapshot(view), null)));
            return null;
        });
    }

    public SavedView get(String name) {
        return views.findByName(name).orElseThrow(() -> new NotFoundException("view", name));
    }

    /** Shared views and the rep's own; every view when no rep is named (integrations). */
    public List<SavedView> visibleTo(Optional<Long> rep) {
        return views.list().stream().filter(v -> v.visibleTo(rep)).toList();
    }

    /**
     * The query for a view by name within a scope: a built-in view, or a custom view visible to the
     * scope's owner.
     *
     * @throws ValidationException when no such view exists for them, listing the ones that do
     */
    public LeadQuery open(String name, LeadQuery scope) {
        String wanted = name.strip().toLowerCase(java.util.Locale.ROOT);
        if (Arrays.stream(LeadView.values()).anyMatch(v -> v.label().equals(wanted.replace('_', '-')))) {
            return scope.withView(LeadView.parse(wanted));
        }
        return views.findByName(wanted).filter(v -> v.visibleTo(scope.ownerRepId())).map(v -> v.applyTo(scope))
                .orElseThrow(() -> new ValidationException("view", "unknown view '" + name + "'; known views: "
                        + known(scope.ownerRepId())));
    }

    private String known(Optional<Long> rep) {
        return Arrays.stream(LeadView.values()).map(LeadView::label)
                .collect(Collectors.joining(", ")) + visibleTo(rep).stream().map(v -> ", " + v.name()).collect(Collectors.joining());
    }

    private SavedView check(String name, ViewDefinition definition) {
        List<FieldError> errors = new ArrayList<>();
        String cleanName = name == null ? "" : name.strip();
        if (!NAME.matcher(cleanName).matches()) {
            errors.add(new FieldError("name", "must be 1-60 lower-case letters, digits or '-', starting with a letter or digit"));
        } else if (cleanName.equals("counts") || Arrays.stream(LeadView.values()).anyMatch(v -> v.label().equals(cleanName))) {
            errors.add(new FieldError("name", "'" + cleanName + "' is a built-in view; choose another name"));
        }
        Optional<Long> owner = collect(errors, () -> definition.owner().map(o -> rep(o, "owner").id()));
        LeadView base = collect(errors, () -> definition.base().map(LeadView::parse).orElse(LeadView.ALL));
        if (base == LeadView.QUEUE) {
            errors.add(new FieldError("base", "queue views need a queue; use base 'all' with a filter on queue"));
        }
        if (base == LeadView.MINE && owner != null && owner.isEmpty()) {
            errors.add(new FieldError("base", "a shared view cannot be based on 'mine'; give it an owner or filter on owner"));
        }
        if (definition.filters().size() > MAX_FILTERS) {
            throw new ValidationException("filters", "at most " + MAX_FILTERS + " filters, not " + definition.filters().size());
        }
        List<LeadFilter> filters = new ArrayList<>();
        for (int i = 0; i < definition.filters().size(); i++) {
            ViewDefinition.Condition c = definition.filters().get(i);
            String where = "filters[" + i + "]";
            LeadFilter filter = collect(errors, () -> filter(c, where));
            if (filter != null) {
                filters.add(filter);
            }
        }
        LeadSort sort = collect(errors, () -> LeadSort.parse(definition.sort().orElse(null), "sort"));
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new SavedView(0, cleanName, owner, base, filters, sort, clock.instant(), clock.instant());
    }

    private LeadFilter filter(ViewDefinition.Condition c, String where) {
        if (c.values().size() > MAX_VALUES) {
            throw new ValidationException(where, "at most " + MAX_VALUES + " values, not " + c.values().size());
        }
        if (c.values().stream().anyMatch(v -> v.length() > MAX_VALUE_LENGTH)) {
            throw new ValidationException(where, "each value at most " + MAX_VALUE_LENGTH + " characters");
        }
        FilterField field = FilterField.parse(c.field(), where);
        LeadFilter.Operator op = LeadFilter.Operator.parse(c.op(), where);
        List<String> values = switch (field.kind()) {
            case REP -> c.values().stream().map(v -> Long.toString(rep(v, where).id())).toList();
            case QUEUE -> c.values().stream().map(v -> Long.toString(queue(v, where).id())).toList();
            default -> c.values();
        };
        return LeadFilter.of(field, op, values, where);
    }

    private Rep rep(String idOrEmail, String where) {
        String value = idOrEmail.strip();
        Optional<Rep> rep = Ids.looksNumeric(value) ? team.rep(Ids.parse(where, value)) : team.repByEmail(value);
        return rep.orElseThrow(() -> new ValidationException(where, "no rep '" + idOrEmail + "'"));
    }

    private LeadQueue queue(String idOrName, String where) {
        String value = idOrName.strip();
        Optional<LeadQueue> queue = Ids.looksNumeric(value) ? team.queue(Ids.parse(where, value)) : team.queueByName(value);
        return queue.orElseThrow(() -> new ValidationException(where, "no queue '" + idOrName + "'"));
    }

    private static <T> T collect(List<FieldError> errors, Supplier<T> check) {
        try {
            return check.get();
        } catch (ValidationException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    private static Map<String, String> snapshot(SavedView view) {
        Map<String, String> state = new LinkedHashMap<>();
        state.put("owner", view.ownerRepId().map(String::valueOf).orElse("shared"));
        state.put("base", view.base().label());
        state.put("filters", view.filters().stream().map(f -> f.field().name() + " " + f.op().label() + " " + String.join("|", f.values()))
                .collect(Collectors.joining("; ")));
        state.put("sort", view.sort().label());
        return state;
    }
}
