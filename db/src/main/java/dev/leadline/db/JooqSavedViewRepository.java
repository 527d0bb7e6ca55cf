package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.SAVED_VIEW;

import dev.leadline.core.lead.FilterField;
import dev.leadline.core.lead.LeadFilter;
import dev.leadline.core.lead.LeadSort;
import dev.leadline.core.lead.LeadView;
import dev.leadline.core.views.SavedView;
import dev.leadline.core.views.SavedViewRepository;
import dev.leadline.db.jooq.tables.records.SavedViewRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/** Custom list views in MariaDB; filters are kept as a JSON list of {field, op, values}. */
public final class JooqSavedViewRepository implements SavedViewRepository {
    private final DSLContext dsl;

    public JooqSavedViewRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public SavedView upsert(SavedView view, Instant at) {
        String filters = JsonTree.write(view.filters().stream()
                .map(f -> Map.of("field", f.field().name(), "op", f.op().label(), "values", f.values())).toList());
        dsl.insertInto(SAVED_VIEW)
                .set(SAVED_VIEW.NAME, view.name())
                .set(SAVED_VIEW.OWNER_REP_ID, view.ownerRepId().orElse(null))
                .set(SAVED_VIEW.BASE_VIEW, view.base().name())
                .set(SAVED_VIEW.FILTERS, filters)
                .set(SAVED_VIEW.SORT, view.sort().label())
                .set(SAVED_VIEW.CREATED_AT, Times.toDb(at))
                .set(SAVED_VIEW.UPDATED_AT, Times.toDb(at))
                .onDuplicateKeyUpdate()
                .set(SAVED_VIEW.OWNER_REP_ID, view.ownerRepId().orElse(null))
                .set(SAVED_VIEW.BASE_VIEW, view.base().name())
                .set(SAVED_VIEW.FILTERS, filters)
                .set(SAVED_VIEW.SORT, view.sort().label())
                .set(SAVED_VIEW.UPDATED_AT, Times.toDb(at))
                .execute();
        return findByName(view.name()).orElseThrow();
    }

    @Override
    public Optional<SavedView> findByName(String name) {
        return dsl.selectFrom(SAVED_VIEW).where(SAVED_VIEW.NAME.eq(name)).fetchOptional().map(JooqSavedViewRepository::toView);
    }

    @Override
    public List<SavedView> list() {
        return dsl.selectFrom(SAVED_VIEW).orderBy(SAVED_VIEW.NAME).fetch(JooqSavedViewRepository::toView);
    }

    @Override
    public boolean delete(String name) {
        return dsl.deleteFrom(SAVED_VIEW).where(SAVED_VIEW.NAME.eq(name)).execute() == 1;
    }

    private static SavedView toView(SavedViewRecord r) {
        return new SavedView(r.getId(), r.getName(), Optional.ofNullable(r.getOwnerRepId()), LeadView.valueOf(r.getBaseView()),
                filters(r.getFilters()), LeadSort.parse(r.getSort(), "sort"), Times.fromDb(r.getCreatedAt()), Times.fromDb(r.getUpdatedAt()));
    }

    private static List<LeadFilter> filters(String json) {
        try {
            List<LeadFilter> filters = new ArrayList<>();
            for (Object entry : JsonTree.readList(json)) {
                Map<?, ?> f = (Map<?, ?>) entry;
                String field = (String) f.get("field");
                List<String> values = ((List<?>) f.get("values")).stream().map(String::valueOf).toList();
                filters.add(LeadFilter.of(FilterField.parse(field, "filters"), LeadFilter.Operator.parse((String) f.get("op"), "filters"),
                        values, "filters"));
            }
            return filters;
        } catch (IllegalStateException | ClassCastException e) {
            throw new IllegalStateException("stored view filters are not readable: " + json, e);
        }
    }
}
