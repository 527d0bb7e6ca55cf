package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.EMAIL_SUPPRESSION;

import dev.leadline.core.common.Actor;
import dev.leadline.core.nurture.Suppressions;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.jooq.DSLContext;

/** The suppression list in MariaDB, by lower-case address. */
public final class JooqSuppressions implements Suppressions {
    private final DSLContext dsl;

    public JooqSuppressions(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Set<String> suppressed(Collection<String> addresses) {
        if (addresses.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(dsl.select(EMAIL_SUPPRESSION.ADDRESS).from(EMAIL_SUPPRESSION)
                .where(EMAIL_SUPPRESSION.ADDRESS.in(addresses.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList())).fetch(EMAIL_SUPPRESSION.ADDRESS));
    }

    @Override
    public boolean remove(String address) {
        return dsl.deleteFrom(EMAIL_SUPPRESSION).where(EMAIL_SUPPRESSION.ADDRESS.eq(address.toLowerCase(Locale.ROOT))).execute() == 1;
    }

    @Override
    public java.util.List<Entry> page(String after, int limit) {
        return dsl.selectFrom(EMAIL_SUPPRESSION).where(EMAIL_SUPPRESSION.ADDRESS.gt(after)).orderBy(EMAIL_SUPPRESSION.ADDRESS).limit(limit)
                .fetch(r -> new Entry(r.getAddress(), r.getReason(), Times.fromDb(r.getCreatedAt()), r.getCreatedBy()));
    }

    @Override
    public boolean suppress(String address, String reason, Actor actor, Instant at) {
        return dsl.insertInto(EMAIL_SUPPRESSION).set(EMAIL_SUPPRESSION.ADDRESS, address.toLowerCase(Locale.ROOT))
                .set(EMAIL_SUPPRESSION.REASON, reason).set(EMAIL_SUPPRESSION.CREATED_AT, Times.toDb(at))
                .set(EMAIL_SUPPRESSION.CREATED_BY, actor.toString()).onDuplicateKeyIgnore().execute() == 1;
    }
}
