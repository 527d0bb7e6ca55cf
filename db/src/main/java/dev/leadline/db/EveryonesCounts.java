package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.LEAD_TALLY;
import static dev.leadline.db.jooq.Tables.PLAN_TALLY;
import static dev.leadline.db.jooq.Tables.SALES_LEAD;

import dev.leadline.core.lead.LeadQuery;
import dev.leadline.core.lead.LeadStatus;
import dev.leadline.core.lead.LeadView;
import java.util.EnumSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Everyone's counts of the set views, which took 0.6-20 s at 1,000,000 leads counted by the views'
 * conditions (each joins every lead of the set with its tasks and meetings; ViewsBench). They read
 * narrow index ranges of the lead rows (the earliest open task's due time and the latest planned task
 * or meeting, kept on the lead by V55's triggers) and the tally of leads by status, so the part that
 * changes with the clock is counted at the time asked and the rest is kept up to date. The views stay
 * defined once, in {@link LeadViewConditions}: {@code EveryonesCountsOnMariaDbTest} pins these counts to
 * theirs.
 */
final class EveryonesCounts {
    private static final Set<LeadView> COUNTED = EnumSet.of(LeadView.OVERDUE, LeadView.UPCOMING, LeadView.NO_UPCOMING, LeadView.IDLE,
            LeadView.NO_ACTIVITY);

    private EveryonesCounts() {}

    /** Whether the query is one of these views for everyone, with nothing else narrowing it. */
    static boolean applies(LeadQuery q) {
        return COUNTED.contains(q.view()) && q.ownerRepId().isEmpty() && q.queueId().isEmpty() && q.status().isEmpty()
                && q.text().filter(t -> !t.isBlank()).isEmpty() && q.flagged().isEmpty() && q.filters().isEmpty();
    }

    static long count(DSLContext dsl, LeadQuery q) {
        var now = Times.toDb(q.now());
        Condition notMerged = SALES_LEAD.STATUS.ne(LeadStatus.MERGED.name());
        return switch (q.view()) {
            case OVERDUE -> dsl.fetchCount(SALES_LEAD, SALES_LEAD.FIRST_OPEN_DUE_AT.lt(now), notMerged);
            case UPCOMING -> dsl.fetchCount(SALES_LEAD, SALES_LEAD.LAST_PLANNED_AT.ge(now), notMerged);
            case NO_UPCOMING -> open(dsl, false) - dsl.fetchCount(SALES_LEAD, SALES_LEAD.LAST_PLANNED_AT.ge(now), LeadViewConditions.open());
            case IDLE -> {
                var since = Times.toDb(q.now().minus(q.idleAfter()));
                yield open(dsl, false) - dsl.fetchCount(SALES_LEAD, SALES_LEAD.LAST_ACTIVITY_AT.gt(since).or(SALES_LEAD.LAST_ACTIVITY_AT.isNull()),
                        LeadViewConditions.open());
            }
            case NO_ACTIVITY -> open(dsl, true);
            default -> throw new IllegalArgumentException("not counted here: " + q.view());
        };
    }

    /**
     * Everyone's overdue and no-upcoming views narrowed to each of these owners' leads (a lead of theirs
     * with an overdue open task, or open with no task or meeting ahead, whoever planned it): owner → count,
     * zero left out. Reads the tallies by owner (V59's of statuses, V60's of plans per day) and, for the day of
     * now, the kept columns' index ranges. The query must be one
     * that {@link #applies} to.
     */
    static Map<Long, Long> countByOwner(DSLContext dsl, LeadQuery q, Collection<Long> owners) {
        // whole UTC days from the plan tally, the day of now from its narrow index range
        java.time.LocalDate today = q.now().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        var now = Times.toDb(q.now());
        var dayStart = Times.toDb(today.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        var nextDay = Times.toDb(today.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        Condition theirs = SALES_LEAD.OWNER_REP_ID.in(owners);
        return switch (q.view()) {
            case OVERDUE -> {
                Map<Long, Long> overdue = planned(dsl, owners, "D", PLAN_TALLY.DAY.lt(today), PLAN_TALLY.STATUS.ne(LeadStatus.MERGED.name()));
                byOwner(dsl.select(SALES_LEAD.OWNER_REP_ID, DSL.count()).from(SALES_LEAD).where(SALES_LEAD.FIRST_OPEN_DUE_AT.ge(dayStart))
                        .and(SALES_LEAD.FIRST_OPEN_DUE_AT.lt(now)).and(SALES_LEAD.STATUS.ne(LeadStatus.MERGED.name())).and(theirs)
                        .groupBy(SALES_LEAD.OWNER_REP_ID)).forEach((owner, n) -> overdue.merge(owner, n, Long::sum));
                overdue.values().removeIf(n -> n == 0);
                yield overdue;
            }
            case NO_UPCOMING -> {
                Map<Long, Long> open = new HashMap<>();
                dsl.select(LEAD_TALLY.OWNER_REP_ID, DSL.sum(LEAD_TALLY.LEADS)).from(LEAD_TALLY).where(LEAD_TALLY.STATUS.in(LeadViewConditions.OPEN))
                        .and(LEAD_TALLY.OWNER_REP_ID.in(owners)).groupBy(LEAD_TALLY.OWNER_REP_ID)
                        .forEach(r -> open.put(r.value1(), r.value2().longValue()));
                planned(dsl, owners, "P", PLAN_TALLY.DAY.gt(today), PLAN_TALLY.STATUS.in(LeadViewConditions.OPEN))
                        .forEach((owner, planned) -> open.merge(owner, -planned, Long::sum));
                byOwner(dsl.select(SALES_LEAD.OWNER_REP_ID, DSL.count()).from(SALES_LEAD).where(SALES_LEAD.LAST_PLANNED_AT.ge(now))
                        .and(SALES_LEAD.LAST_PLANNED_AT.lt(nextDay)).and(LeadViewConditions.open()).and(theirs).groupBy(SALES_LEAD.OWNER_REP_ID))
                        .forEach((owner, planned) -> open.merge(owner, -planned, Long::sum));
                open.values().removeIf(n -> n == 0);
                yield open;
            }
            default -> throw new IllegalArgumentException("not counted per owner here: " + q.view());
        };
    }

    /** Leads per owner from the plan tally: of {@code kind}, on the days and in the statuses asked. */
    private static Map<Long, Long> planned(DSLContext dsl, Collection<Long> owners, String kind, Condition days, Condition statuses) {
        Map<Long, Long> out = new HashMap<>();
        dsl.select(PLAN_TALLY.OWNER_REP_ID, DSL.sum(PLAN_TALLY.LEADS)).from(PLAN_TALLY).where(PLAN_TALLY.OWNER_REP_ID.in(owners))
                .and(PLAN_TALLY.KIND.eq(kind)).and(days).and(statuses).groupBy(PLAN_TALLY.OWNER_REP_ID)
                .forEach(r -> out.put(r.value1(), r.value2().longValue()));
        return out;
    }

    private static Map<Long, Long> byOwner(org.jooq.ResultQuery<? extends org.jooq.Record2<Long, Integer>> counts) {
        Map<Long, Long> out = new HashMap<>();
        counts.forEach(r -> out.put(r.value1(), r.value2().longValue()));
        return out;
    }

    /** Open leads from the tally; {@code untouched}: only those nobody has touched yet. */
    private static long open(DSLContext dsl, boolean untouched) {
        Condition which = untouched ? LEAD_TALLY.UNTOUCHED.isTrue() : DSL.trueCondition();
        return dsl.select(DSL.coalesce(DSL.sum(LEAD_TALLY.LEADS), DSL.inline(java.math.BigDecimal.ZERO))).from(LEAD_TALLY)
                .where(LEAD_TALLY.STATUS.in(LeadViewConditions.OPEN)).and(which).fetchOne(0, Long.class);
    }
}
