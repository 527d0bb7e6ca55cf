package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.SALES_LEAD;

import dev.leadline.core.sla.SpeedSample;
import dev.leadline.core.sla.SpeedSamples;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;

/** Lead timings for the speed-to-lead report, read straight from the lead table. */
public final class JooqSpeedSamples implements SpeedSamples {
    private final DSLContext dsl;

    public JooqSpeedSamples(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<SpeedSample> createdBetween(Instant from, Instant to) {
        return dsl.select(SALES_LEAD.ID, SALES_LEAD.OWNER_REP_ID, SALES_LEAD.QUEUE_ID, SALES_LEAD.SOURCE, SALES_LEAD.CREATED_AT,
                        SALES_LEAD.OFFERED_AT, SALES_LEAD.CLAIMED_AT, SALES_LEAD.FIRST_TOUCHED_AT)
                .from(SALES_LEAD)
                .where(SALES_LEAD.CREATED_AT.ge(Times.toDb(from)).and(SALES_LEAD.CREATED_AT.lt(Times.toDb(to))))
                .fetch(r -> new SpeedSample(r.value1(), r.value2(), r.value3(), r.value4(), Times.fromDb(r.value5()),
                        Times.fromDb(r.value6()), Times.fromDb(r.value7()), Times.fromDb(r.value8())));
    }
}
