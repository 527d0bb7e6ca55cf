package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.SALES_LEAD;
import static dev.leadline.db.jooq.Tables.TASK;

import dev.leadline.core.lead.LeadCursor;
import dev.leadline.core.lead.LeadQuery;
import dev.leadline.core.lead.LeadView;
import dev.leadline.db.jooq.tables.records.SalesLeadRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.ResultQuery;

/**
 * Query plans for a page of everyone's leads in the views where MariaDB's own choice, materialising
 * the whole set first, costs 100-200 ms at 1,000,000 leads (measured in ViewsBench): overdue leads are
 * taken newest first from the task index; leads with nothing upcoming, a set that is most of the open
 * leads, are found by probing the newest leads.
 */
final class EveryonesPages {
    private EveryonesPages() {}

    /** The page of overdue leads: newest lead ids from open, overdue tasks, then the leads, refilled until full. */
    static List<SalesLeadRecord> overdue(DSLContext dsl, LeadQuery query, Optional<LeadCursor> after) {
        List<Condition> rest = LeadViewConditions.of(query.withView(LeadView.ALL));
        int wanted = query.limit() + 1;
        int batch = Math.max(64, wanted * 2);
        long below = after.map(LeadCursor::lastId).orElse(Long.MAX_VALUE);
        List<SalesLeadRecord> found = new ArrayList<>();
        while (found.size() < wanted) {
            List<Long> ids = dsl.selectDistinct(TASK.LEAD_ID).from(TASK)
                    .where(TASK.DONE_AT.isNull()).and(TASK.DUE_AT.lt(Times.toDb(query.now()))).and(TASK.LEAD_ID.lt(below))
                    .orderBy(TASK.LEAD_ID.desc()).limit(batch).fetch(TASK.LEAD_ID);
            if (ids.isEmpty()) {
                break;
            }
            found.addAll(dsl.selectFrom(SALES_LEAD).where(rest).and(SALES_LEAD.ID.in(ids)).orderBy(SALES_LEAD.ID.desc()).fetch());
            below = ids.get(ids.size() - 1);
            if (ids.size() < batch) {
                break;
            }
        }
        return found.size() > wanted ? found.subList(0, wanted) : found;
    }

    /** Runs a newest-first page with semi-join materialisation off, so MariaDB stops after the first matches. */
    static List<SalesLeadRecord> probingNewestFirst(DSLContext dsl, ResultQuery<SalesLeadRecord> select) {
        return dsl.resultQuery("SET STATEMENT optimizer_switch='semijoin=off,materialization=off' FOR " + dsl.renderInlined(select))
                .fetchInto(SALES_LEAD);
    }
}
