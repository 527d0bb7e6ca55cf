package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.RATE_BUCKET;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Token buckets in MariaDB, so that every server node draws on the same ones. A bucket holds
 * {@code capacity} tokens and gets one back every {@code interval}; it is kept as the moment it is
 * full again, which one statement moves on atomically (the row's lock orders concurrent takers).
 */
public final class JooqRateBuckets {
    private static final int EXPIRED_PER_SWEEP = 1000;
    private final DSLContext dsl;

    public JooqRateBuckets(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Takes a token from the client's bucket in the scope: zero when there was one, else how long until
     * there is one. One statement while the bucket exists; a new one is inserted.
     */
    public Duration take(String scope, String client, int capacity, Duration interval, Instant now) {
        long at = micros(now);
        long step = interval.toNanos() / 1000;
        Field<Long> fullAt = DSL.greatest(RATE_BUCKET.FULL_AT_US, DSL.val(at)).plus(step);
        Condition bucket = RATE_BUCKET.SCOPE.eq(scope).and(RATE_BUCKET.CLIENT.eq(client));
        for (int attempt = 0; attempt < 2; attempt++) {
            if (dsl.update(RATE_BUCKET).set(RATE_BUCKET.FULL_AT_US, fullAt)
                    .where(bucket).and(fullAt.le(at + step * capacity)).execute() == 1) {
                return Duration.ZERO;
            }
            if (dsl.insertInto(RATE_BUCKET, RATE_BUCKET.SCOPE, RATE_BUCKET.CLIENT, RATE_BUCKET.FULL_AT_US)
                    .values(scope, client, at + step).onDuplicateKeyIgnore().execute() == 1) {
                return Duration.ZERO;
            }
        }
        Long full = dsl.select(RATE_BUCKET.FULL_AT_US).from(RATE_BUCKET).where(bucket).fetchOne(RATE_BUCKET.FULL_AT_US);
        long wait = full == null ? 1 : full + step - at - step * capacity;
        return Duration.of(Math.max(1, wait), ChronoUnit.MICROS);
    }

    /**
     * Deletes buckets that are full again (the same as none), a bounded number at a time. They are
     * found first and deleted by key, so the deletion locks rows in the order a take does.
     */
    public int expire(Instant now) {
        long at = micros(now);
        var full = dsl.select(RATE_BUCKET.SCOPE, RATE_BUCKET.CLIENT).from(RATE_BUCKET).where(RATE_BUCKET.FULL_AT_US.lt(at))
                .orderBy(RATE_BUCKET.SCOPE, RATE_BUCKET.CLIENT).limit(EXPIRED_PER_SWEEP).fetch();
        if (full.isEmpty()) {
            return 0;
        }
        return dsl.deleteFrom(RATE_BUCKET).where(DSL.row(RATE_BUCKET.SCOPE, RATE_BUCKET.CLIENT).in(full))
                .and(RATE_BUCKET.FULL_AT_US.lt(at)).execute();
    }

    private static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }
}
