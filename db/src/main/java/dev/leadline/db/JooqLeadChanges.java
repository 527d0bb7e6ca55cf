package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.ACTIVITY;

import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.activity.LeadChanges;
import dev.leadline.core.lead.LeadId;
import java.util.List;
import org.jooq.DSLContext;

/**
 * The timeline table read as a change feed by its auto-increment id. Ids are handed out before commit,
 * so a change can become visible after one with a higher id; readers that must not miss one re-read a
 * little behind the head (see the console's live updates).
 */
public final class JooqLeadChanges implements LeadChanges {
    private final DSLContext dsl;

    public JooqLeadChanges(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public long head() {
        Long max = dsl.select(org.jooq.impl.DSL.max(ACTIVITY.ID)).from(ACTIVITY).fetchOne(0, Long.class);
        return max == null ? 0 : max;
    }

    @Override
    public List<Change> after(long position, int limit) {
        return dsl.select(ACTIVITY.ID, ACTIVITY.LEAD_ID, ACTIVITY.TYPE).from(ACTIVITY).where(ACTIVITY.ID.gt(position))
                .orderBy(ACTIVITY.ID).limit(limit)
                .fetch(r -> new Change(r.value1(), new LeadId(r.value2()), ActivityType.valueOf(r.value3())));
    }
}
