package dev.leadline.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.LeadFilter;
import dev.leadline.core.team.TeamService;
import dev.leadline.core.views.SavedView;
import dev.leadline.core.views.SavedViewService;
import dev.leadline.core.views.ViewDefinition;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /api/v1/views}: custom list views (opened with {@code GET /api/v1/leads?view=<name>}). */
final class ViewController {
    private final ObjectMapper json;
    private final SavedViewService views;
    private final TeamService team;

    ViewController(ObjectMapper json, SavedViewService views, TeamService team) {
        this.json = json;
        this.views = views;
        this.team = team;
    }

    /** A view as sent: filters take {@code value} or {@code values}. */
    record ViewBody(String owner, String base, List<FilterBody> filters, String sort) {}

    record FilterBody(String field, String op, String value, List<String> values) {
        ViewDefinition.Condition toCondition() {
            List<String> given = values != null ? values.stream().filter(java.util.Objects::nonNull).toList() : value == null ? List.of() : List.of(value);
            return new ViewDefinition.Condition(field, op, given);
        }
    }

    void list(Context ctx) {
        Optional<Long> rep = Optional.ofNullable(ctx.queryParam("owner")).map(o -> Reps.named(team, o, "owner").id());
        ctx.json(views.visibleTo(rep).stream().map(this::write).toList());
    }

    void get(Context ctx) {
        ctx.json(write(views.get(ctx.pathParam("name"))));
    }

    void save(Context ctx) throws Exception {
        ViewBody body = json.readValue(ctx.bodyAsBytes(), ViewBody.class);
        if (body == null) {
            throw new ValidationException("body", "send the view as a JSON object");
        }
        Optional<SavedView> existing = views.visibleTo(Optional.empty()).stream().filter(v -> v.name().equals(ctx.pathParam("name"))).findFirst();
        if (body.owner() == null || existing.map(v -> v.ownerRepId().isEmpty()).orElse(false)) {
            Authenticator.requireAdmin(ctx);
        }
        // a personal view is saved as its owner: a REP token only for its own rep
        Optional<Long> newOwner = Optional.ofNullable(body.owner()).map(o -> Reps.acting(ctx, team, o).rep().id());
        if (existing.isPresent() && existing.get().ownerRepId().isPresent() && !existing.get().ownerRepId().equals(newOwner)) {
            throw new HttpProblem(409, "name_taken", "view '" + existing.get().name() + "' belongs to another rep; choose another name");
        }
        if (body.filters() != null && body.filters().stream().anyMatch(java.util.Objects::isNull)) {
            throw new ValidationException("filters", "must not contain null entries");
        }
        boolean existed = existing.isPresent();
        SavedView saved = views.save(ctx.pathParam("name"), new ViewDefinition(Optional.ofNullable(body.owner()),
                Optional.ofNullable(body.base()), body.filters() == null ? List.of() : body.filters().stream().map(FilterBody::toCondition).toList(),
                Optional.ofNullable(body.sort())), Authenticator.caller(ctx).actor());
        ctx.status(existed ? 200 : 201).json(write(saved));
    }

    void delete(Context ctx) {
        SavedView view = views.get(ctx.pathParam("name"));
        if (view.ownerRepId().isEmpty()) {
            Authenticator.requireAdmin(ctx);
        } else {
            Reps.acting(ctx, team, Long.toString(view.ownerRepId().get()));
        }
        views.delete(view.name(), Authenticator.caller(ctx).actor());
        ctx.status(204);
    }

    private Map<String, Object> write(SavedView view) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", view.name());
        out.put("owner", view.ownerRepId().flatMap(team::rep).map(r -> r.email()).orElse(null));
        out.put("base", view.base().label());
        out.put("filters", view.filters().stream().map(ViewController::write).toList());
        out.put("sort", view.sort().label());
        out.put("createdAt", view.createdAt().toString());
        out.put("updatedAt", view.updatedAt().toString());
        return out;
    }

    private static Map<String, Object> write(LeadFilter filter) {
        return Map.of("field", filter.field().name(), "op", filter.op().label(), "values", filter.values());
    }
}
