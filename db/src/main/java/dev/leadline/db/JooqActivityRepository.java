package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.ACTIVITY;

import dev.leadline.core.activity.Activity;
import dev.leadline.core.activity.ActivityRepository;
import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.LeadId;
import dev.leadline.db.jooq.tables.records.ActivityRecord;
import java.util.List;
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
        var insert = dsl.insertInto(ACTIVITY, ACTIVITY.LEAD_ID, ACTIVITY.TYPE, ACTIVITY.ACTOR, ACTIVITY.OCCURRED_AT, ACTIVITY.SUMMARY,
                ACTIVITY.DETAILS);
        for (Activity a : activities) {
            insert = insert.values(a.leadId().value(), a.type().name(), a.actor().toString(), Times.toDb(a.occurredAt()),
                    a.summary(), a.details());
        }
        insert.execute();
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
