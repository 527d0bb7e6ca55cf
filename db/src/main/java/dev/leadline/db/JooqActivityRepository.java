package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.ACTIVITY;
import static dev.leadline.db.jooq.Tables.SALES_LEAD;

import dev.leadline.core.activity.Activity;
import dev.leadline.core.activity.ActivityRepository;
import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.LeadId;
import dev.leadline.db.jooq.tables.records.ActivityRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jooq.DSLContext;

/** The lead timeline in MariaDB. */
public final class JooqActivityRepository implements ActivityRepository {
    private final DSLContext dsl;

    public JooqActivityRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void appendAll(List<Activity> activities) {
        if (activities.isEmpty()) {
            return;
        }
        touchLeads(activities);
        JdbcBatch insert = JdbcBatch.into(dsl, ACTIVITY, ACTIVITY.LEAD_ID, ACTIVITY.TYPE, ACTIVITY.ACTOR, ACTIVITY.OCCURRED_AT,
                ACTIVITY.SUMMARY, ACTIVITY.DETAILS);
        for (Activity a : activities) {
            insert.row(a.leadId().value(), a.type().name(), a.actor().toString(), Times.toDb(a.occurredAt()),
                    a.summary(), a.details());
        }
        insert.execute();
    }

    /**
     * Keeps each lead's {@code last_activity_at} (read by the idle view) at its newest timeline entry
     * that is activity ({@link dev.leadline.core.activity.ActivityType#isActivity}).
     * A lead's creation and its stage changes set it in their own write, so for their entries this
     * finds the rows already up to date and changes none.
     *
     * <p>This runs before the entries are written, and locks the leads in id order: an entry's foreign
     * key takes a shared lock on its lead's row, and two notes on one lead that each held that lock and
     * then asked for the row to update it deadlocked.
     */
    private void touchLeads(List<Activity> activities) {
        Map<Long, Instant> newest = new TreeMap<>();
        activities.stream().filter(a -> a.type().isActivity())
                .forEach(a -> newest.merge(a.leadId().value(), a.occurredAt(), (x, y) -> x.isAfter(y) ? x : y));
        Map<Instant, Set<Long>> leadsByTime = new HashMap<>();
        newest.forEach((lead, at) -> leadsByTime.computeIfAbsent(at, t -> new TreeSet<>()).add(lead));
        if (leadsByTime.size() > 1) {
            dsl.select(SALES_LEAD.ID).from(SALES_LEAD).where(SALES_LEAD.ID.in(newest.keySet())).orderBy(SALES_LEAD.ID).forUpdate().fetch();
        }
        leadsByTime.forEach((at, leads) -> dsl.update(SALES_LEAD)
                .set(SALES_LEAD.LAST_ACTIVITY_AT, Times.toDb(at))
                .where(SALES_LEAD.ID.in(leads))
                .and(SALES_LEAD.LAST_ACTIVITY_AT.isNull().or(SALES_LEAD.LAST_ACTIVITY_AT.lt(Times.toDb(at))))
                .execute());
    }

    @Override
    public List<Activity> forLead(LeadId leadId, int limit) {
        return dsl.selectFrom(ACTIVITY).where(ACTIVITY.LEAD_ID.eq(leadId.value()))
                .orderBy(ACTIVITY.OCCURRED_AT.desc(), ACTIVITY.ID.desc()).limit(limit)
                .fetch(JooqActivityRepository::toActivity);
    }

    private static Activity toActivity(ActivityRecord r) {
        return new Activity(new LeadId(r.getLeadId()), ActivityType.valueOf(r.getType()), Actor.parse(r.getActor()),
                Times.fromDb(r.getOccurredAt()), r.getSummary(), r.getDetails());
    }
}
