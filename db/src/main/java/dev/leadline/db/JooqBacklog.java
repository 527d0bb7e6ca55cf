package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.OUTBOX;
import static dev.leadline.db.jooq.Tables.ROUTING_PENDING;

import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Work every node shares and none has done yet, as the metrics show it: the deliveries waiting in the
 * outbox, per platform, and the leads waiting to be routed. Both read the indexes that find such work.
 */
public final class JooqBacklog {
    /** How many are waiting, and since when the oldest has (null when none is). */
    public record Waiting(String name, long count, Instant oldestSince) {}

    private final DSLContext dsl;

    public JooqBacklog(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Deliveries not made yet (pending, whether due or waiting to retry), per platform. */
    public List<Waiting> outbox() {
        return dsl.select(OUTBOX.PLATFORM, DSL.count(), DSL.min(OUTBOX.CREATED_AT)).from(OUTBOX)
                .where(OUTBOX.STATUS.eq("PENDING").and(OUTBOX.PLATFORM.isNotNull()))
                .groupBy(OUTBOX.PLATFORM)
                .fetch(r -> new Waiting(r.value1(), r.value2(), Times.fromDb(r.value3())));
    }

    /** Leads on routing's waiting list, for enrichment or a router. */
    public Waiting routing() {
        var row = dsl.select(DSL.count(), DSL.min(ROUTING_PENDING.ENQUEUED_AT)).from(ROUTING_PENDING).fetchOne();
        return new Waiting("routing", row.value1(), Times.fromDb(row.value2()));
    }
}
