package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.SALES_LEAD;

import dev.leadline.core.lead.FilterField;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadFilter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** The SQL column behind each field a custom view filters or sorts on, and the condition of each filter. */
final class LeadColumns {
    private static final Map<String, Field<?>> LIFECYCLE = Map.of(
            "status", SALES_LEAD.STATUS, "owner", SALES_LEAD.OWNER_REP_ID, "queue", SALES_LEAD.QUEUE_ID,
            "score", SALES_LEAD.SCORE, "createdAt", SALES_LEAD.CREATED_AT, "updatedAt", SALES_LEAD.UPDATED_AT,
            "lastActivityAt", SALES_LEAD.LAST_ACTIVITY_AT, "offeredAt", SALES_LEAD.OFFERED_AT, "claimedAt", SALES_LEAD.CLAIMED_AT,
            "firstTouchedAt", SALES_LEAD.FIRST_TOUCHED_AT);

    private LeadColumns() {}

    static Field<?> column(FilterField field) {
        if (field.isCustom()) {
            return DSL.field("JSON_VALUE({0}, {1})", String.class, SALES_LEAD.CUSTOM_FIELDS,
                    DSL.inline("$.\"" + field.customName().replace("\"", "") + "\""));
        }
        if (field.standard().filter(f -> f == LeadField.EMPLOYEE_COUNT).isPresent()) {
            return SALES_LEAD.EMPLOYEE_COUNT;
        }
        if (field.standard().filter(f -> f == LeadField.BIRTH_DATE).isPresent()) {
            return SALES_LEAD.BIRTH_DATE;
        }
        return field.standard().<Field<?>>map(JooqLeadRepository::textColumn).orElseGet(() -> LIFECYCLE.get(field.name()));
    }

    @SuppressWarnings("unchecked")
    static Condition condition(LeadFilter filter, Instant now) {
        Field<Object> column = (Field<Object>) column(filter.field());
        List<Object> values = filter.values().stream().map(v -> value(filter.field(), v, now)).toList();
        return switch (filter.op()) {
            case EQ -> column.eq(values.get(0));
            case NE -> column.ne(values.get(0)).or(column.isNull());
            case IN -> column.in(values);
            case CONTAINS -> column.cast(String.class).likeIgnoreCase("%" + escape((String) values.get(0)) + "%", '\\');
            case STARTS_WITH -> column.cast(String.class).likeIgnoreCase(escape((String) values.get(0)) + "%", '\\');
            case GT -> column.gt(values.get(0));
            case GE -> column.ge(values.get(0));
            case LT -> column.lt(values.get(0));
            case LE -> column.le(values.get(0));
            case EMPTY -> filter.field().kind() == FilterField.Kind.TEXT ? column.isNull().or(column.cast(String.class).eq("")) : column.isNull();
            case NOT_EMPTY -> filter.field().kind() == FilterField.Kind.TEXT ? column.isNotNull().and(column.cast(String.class).ne("")) : column.isNotNull();
        };
    }

    private static Object value(FilterField field, String value, Instant now) {
        String where = "filters." + field.name();
        return switch (field.kind()) {
            case TEXT -> value;
            case NUMBER, REP, QUEUE -> LeadFilter.number(value, where);
            case TIME -> Times.toDb(LeadFilter.time(value, now, where));
            case STATUS -> LeadFilter.status(value, where).name();
        };
    }

    private static String escape(String text) {
        return text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
