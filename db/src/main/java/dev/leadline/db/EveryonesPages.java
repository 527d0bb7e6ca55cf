package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.MEETING;
import static dev.leadline.db.jooq.Tables.SALES_LEAD;
import static dev.leadline.db.jooq.Tables.TASK;

import dev.leadline.core.lead.LeadCursor;
import dev.leadline.core.lead.LeadQuery;
import dev.leadline.core.lead.LeadView;
import dev.leadline.db.jooq.tables.records.SalesLeadRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

/**
 * Query plans for a page of a task- or meeting-driven view, where MariaDB's own choice (materialising
 * the whole set first) cost 50-200 ms at 1,000,000 leads (measured in ViewsBench): the newest lead
 * ids come straight from the task and meeting indexes in lead order, then the leads, refilled until
 * the page is full; leads with nothing upcoming, most of the open leads, are found by probing the
 * newest leads.
 */
final class EveryonesPages {
    private EveryonesPages() {}

    /** Whether this query takes its page from the task and meeting indexes. */
    static boolean indexFirst(LeadQuery query) {
        return query.view() == LeadView.OVERDUE || query.view() == LeadView.UPCOMING;
    }

    /** The page: the newest lead ids the view's tasks and meetings name, then the leads, refilled until full. */
    static List<SalesLeadRecord> indexFirst(DSLContext dsl, LeadQuery query, Optional<LeadCursor> after) {
        List<Condition> rest = LeadViewConditions.of(query.withView(LeadView.ALL));
        int wanted = query.limit() + 1;
        int batch = Math.max(64, wanted * 2);
        long below = after.map(LeadCursor::lastId).orElse(Long.MAX_VALUE);
        List<SalesLeadRecord> found = new ArrayList<>();
        while (found.size() < wanted) {
            TreeSet<Long> ids = new TreeSet<>(java.util.Comparator.reverseOrder());
            boolean more = candidates(dsl, query, below, batch, ids);
            if (ids.isEmpty()) {
                break;
            }
            List<Long> newest = ids.stream().limit(batch).toList();
            found.addAll(dsl.selectFrom(SALES_LEAD).where(rest).and(SALES_LEAD.ID.in(newest)).orderBy(SALES_LEAD.ID.desc()).fetch());
            below = newest.get(newest.size() - 1);
            if (!more && newest.size() == ids.size()) {
                break;
            }
        }
        return found.size() > wanted ? found.subList(0, wanted) : found;
    }

    /** Adds up to {@code batch} lead ids below {@code below} from each source; true when a source may have more. */
    private static boolean candidates(DSLContext dsl, LeadQuery query, long below, int batch, TreeSet<Long> ids) {
        var now = Times.toDb(query.now());
        Condition taskRep = query.ownerRepId().map(TASK.REP_ID::eq).orElse(DSL.trueCondition());
        Condition taskDue = query.view() == LeadView.OVERDUE ? TASK.DUE_AT.lt(now) : TASK.DUE_AT.ge(now);
        List<Long> tasks = dsl.selectDistinct(TASK.LEAD_ID).from(TASK).where(taskRep).and(TASK.DONE_AT.isNull()).and(taskDue)
                .and(TASK.LEAD_ID.lt(below)).orderBy(TASK.LEAD_ID.desc()).limit(batch).fetch(TASK.LEAD_ID);
        ids.addAll(tasks);
        boolean more = tasks.size() == batch;
        if (query.view() == LeadView.UPCOMING) {
            Condition meetingRep = query.ownerRepId().map(MEETING.REP_ID::eq).orElse(DSL.trueCondition());
            List<Long> meetings = dsl.selectDistinct(MEETING.LEAD_ID).from(MEETING).where(meetingRep).and(MEETING.OUTCOME.isNull())
                    .and(MEETING.STARTS_AT.ge(now)).and(MEETING.LEAD_ID.lt(below)).orderBy(MEETING.LEAD_ID.desc()).limit(batch)
                    .fetch(MEETING.LEAD_ID);
            ids.addAll(meetings);
            more = more || meetings.size() == batch;
        }
        return more;
    }

    /** Runs a newest-first page with semi-join materialisation off, so MariaDB stops after the first matches. */
    static List<SalesLeadRecord> probingNewestFirst(DSLContext dsl, ResultQuery<SalesLeadRecord> select) {
        return dsl.resultQuery("SET STATEMENT optimizer_switch='semijoin=off,materialization=off' FOR " + dsl.renderInlined(select))
                .fetchInto(SALES_LEAD);
    }
}
