package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.LEAD_FLAG;
import static dev.leadline.db.jooq.Tables.MEETING;
import static dev.leadline.db.jooq.Tables.SALES_LEAD;
import static dev.leadline.db.jooq.Tables.TASK;

import dev.leadline.core.lead.LeadQuery;
import dev.leadline.core.lead.LeadStatus;
import dev.leadline.core.scheduling.MeetingOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/** The SQL of each list view and filter: one condition per view, over leads, timeline, meetings and tasks. */
final class LeadViewConditions {
    private LeadViewConditions() {}

    static List<Condition> of(LeadQuery query) {
        List<Condition> where = new ArrayList<>();
        where.add(view(query));
        query.ownerRepId().ifPresent(owner -> where.add(SALES_LEAD.OWNER_REP_ID.eq(owner)));
        query.queueId().ifPresent(queue -> where.add(SALES_LEAD.QUEUE_ID.eq(queue)));
        // merged leads are tombstones: listed only when asked for by status
        where.add(query.status().map(status -> SALES_LEAD.STATUS.eq(status.name())).orElse(SALES_LEAD.STATUS.ne(LeadStatus.MERGED.name())));
        query.text().filter(t -> !t.isBlank()).ifPresent(text -> {
            String prefix = text.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where.add(SALES_LEAD.EMAIL_KEY.like(prefix).or(SALES_LEAD.LAST_NAME.like(prefix)).or(SALES_LEAD.FIRST_NAME.like(prefix))
                    .or(SALES_LEAD.COMPANY.like(prefix)));
        });
        query.flagged().ifPresent(flagged -> where.add(flagged ? SALES_LEAD.ID.in(openFlags()) : SALES_LEAD.ID.notIn(openFlags())));
        query.filters().forEach(filter -> where.add(LeadColumns.condition(filter, query.now())));
        return where;
    }

    private static Condition view(LeadQuery q) {
        var now = Times.toDb(q.now());
        return switch (q.view()) {
            case ALL -> DSL.trueCondition();
            case MINE -> SALES_LEAD.OWNER_REP_ID.isNotNull();
            case QUEUE -> SALES_LEAD.OWNER_REP_ID.isNull().and(SALES_LEAD.QUEUE_ID.isNotNull()).and(open());
            case NEW -> status(LeadStatus.NEW).and(SALES_LEAD.OWNER_REP_ID.isNull());
            case NOT_CONTACTED -> status(LeadStatus.NEW).and(SALES_LEAD.OWNER_REP_ID.isNotNull()).and(SALES_LEAD.FIRST_TOUCHED_AT.isNull());
            case ATTEMPTED -> status(LeadStatus.ATTEMPTED);
            case ENGAGED -> status(LeadStatus.ENGAGED);
            case DISQUALIFIED -> status(LeadStatus.DISQUALIFIED);
            case RECENT -> SALES_LEAD.UPDATED_AT.ge(Times.toDb(q.now().minus(Duration.ofDays(7))));
            case NO_ACTIVITY -> open().and(SALES_LEAD.FIRST_TOUCHED_AT.isNull());
            case IDLE -> open().and(SALES_LEAD.LAST_ACTIVITY_AT.le(Times.toDb(q.now().minus(q.idleAfter()))));
            case OVERDUE -> SALES_LEAD.ID.in(openTaskLeads(q).and(TASK.DUE_AT.lt(now)));
            case DUE_TODAY -> {
                LocalDate today = q.now().atZone(q.zone()).toLocalDate();
                Instant start = today.atStartOfDay(q.zone()).toInstant();
                Instant end = today.plusDays(1).atStartOfDay(q.zone()).toInstant();
                yield SALES_LEAD.ID.in(openTaskLeads(q).and(TASK.DUE_AT.ge(Times.toDb(start))).and(TASK.DUE_AT.lt(Times.toDb(end))));
            }
            case MEETING_SCHEDULED -> SALES_LEAD.ID.in(futureMeetingLeads(q));
            case MEETING_DECLINED -> SALES_LEAD.ID.in(DSL.select(MEETING.LEAD_ID).from(MEETING)
                    .where(MEETING.OUTCOME.eq(MeetingOutcome.DECLINED.name())).and(mineMeetings(q)));
            case UPCOMING -> {
                var ahead = futureMeetingLeads(q).union(openTaskLeads(q).and(TASK.DUE_AT.ge(now)));
                if (q.ownerRepId().isEmpty()) {
                    // everyone: probing leads newest first finds a page at once (12 ms at 1M leads)
                    yield SALES_LEAD.ID.in(ahead);
                }
                // one rep: a UNION inside IN runs as a dependent subquery per lead (1.7 s at 1M leads);
                // as a derived table the rep's few meetings and tasks are materialised once (14 ms)
                var table = ahead.asTable("ahead", "lead_id");
                yield SALES_LEAD.ID.in(DSL.select(table.field("lead_id", Long.class)).from(table));
            }
            case NO_UPCOMING -> open().and(DSL.notExists(futureMeetings(q))).and(DSL.notExists(openTasks(q).and(TASK.DUE_AT.ge(now))));
            case FLAGGED -> SALES_LEAD.ID.in(openFlags());
        };
    }

    /** Leads with an open duplicate flag, from the index on (settled_at, lead_id). */
    private static org.jooq.SelectConditionStep<org.jooq.Record1<Long>> openFlags() {
        return DSL.select(LEAD_FLAG.LEAD_ID).from(LEAD_FLAG).where(LEAD_FLAG.SETTLED_AT.isNull());
    }

    /**
     * Leads with open tasks, as a set to join (the lead-driven EXISTS probed every lead of a rep: over
     * a second at 1,000,000 leads); scoped to a rep, that rep's tasks, from the (rep, done, due) index.
     */
    private static org.jooq.SelectConditionStep<org.jooq.Record1<Long>> openTaskLeads(LeadQuery q) {
        Condition mine = q.ownerRepId().map(TASK.REP_ID::eq).orElse(DSL.trueCondition());
        return DSL.select(TASK.LEAD_ID).from(TASK).where(TASK.DONE_AT.isNull()).and(mine);
    }

    private static org.jooq.SelectConditionStep<org.jooq.Record1<Long>> futureMeetingLeads(LeadQuery q) {
        return DSL.select(MEETING.LEAD_ID).from(MEETING).where(MEETING.OUTCOME.isNull())
                .and(MEETING.STARTS_AT.ge(Times.toDb(q.now()))).and(mineMeetings(q));
    }

    private static Condition mineMeetings(LeadQuery q) {
        return q.ownerRepId().map(MEETING.REP_ID::eq).orElse(DSL.trueCondition());
    }

    /**
     * Open tasks of the lead. Scoped to a rep, the rep's own tasks: that lets MariaDB start from the
     * task index on (rep, done, due) instead of probing every one of the rep's leads.
     */
    private static org.jooq.SelectConditionStep<org.jooq.Record1<Integer>> openTasks(LeadQuery q) {
        Condition mine = q.ownerRepId().map(TASK.REP_ID::eq).orElse(DSL.trueCondition());
        return DSL.selectOne().from(TASK).where(TASK.LEAD_ID.eq(SALES_LEAD.ID)).and(TASK.DONE_AT.isNull()).and(mine);
    }

    private static org.jooq.SelectConditionStep<org.jooq.Record1<Integer>> futureMeetings(LeadQuery q) {
        Condition mine = q.ownerRepId().map(MEETING.REP_ID::eq).orElse(DSL.trueCondition());
        return DSL.selectOne().from(MEETING).where(MEETING.LEAD_ID.eq(SALES_LEAD.ID)).and(MEETING.OUTCOME.isNull())
                .and(MEETING.STARTS_AT.ge(Times.toDb(q.now()))).and(mine);
    }

    private static Condition status(LeadStatus status) {
        return SALES_LEAD.STATUS.eq(status.name());
    }

    /** The statuses of an open lead, by name. */
    static final List<String> OPEN = List.of(LeadStatus.NEW.name(), LeadStatus.ATTEMPTED.name(), LeadStatus.ENGAGED.name(),
            LeadStatus.QUALIFIED.name());

    static Condition open() {
        return SALES_LEAD.STATUS.in(OPEN);
    }
}
