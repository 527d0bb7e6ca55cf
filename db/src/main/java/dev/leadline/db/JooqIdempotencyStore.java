package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.IDEMPOTENCY_KEY;

import dev.leadline.core.intake.IdempotencyKey;
import dev.leadline.core.intake.IdempotencyStore;
import dev.leadline.core.lead.LeadId;
import java.time.Clock;
import java.util.Optional;
import org.jooq.DSLContext;

/** Idempotency keys in MariaDB; the primary key makes a concurrent second claim wait, then lose. */
public final class JooqIdempotencyStore implements IdempotencyStore {
    private final DSLContext dsl;
    private final Clock clock;

    public JooqIdempotencyStore(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    @Override
    public boolean reserve(IdempotencyKey key) {
        return dsl.insertInto(IDEMPOTENCY_KEY)
                .set(IDEMPOTENCY_KEY.TOKEN_ID, key.tokenId())
                .set(IDEMPOTENCY_KEY.IDEM_KEY, key.key())
                .set(IDEMPOTENCY_KEY.REQUEST_HASH, key.requestHash())
                .set(IDEMPOTENCY_KEY.CREATED_AT, Times.toDb(clock.instant()))
                .onDuplicateKeyIgnore()
                .execute() == 1;
    }

    @Override
    public void complete(IdempotencyKey key, LeadId leadId) {
        dsl.update(IDEMPOTENCY_KEY).set(IDEMPOTENCY_KEY.LEAD_ID, leadId.value())
                .where(IDEMPOTENCY_KEY.TOKEN_ID.eq(key.tokenId()).and(IDEMPOTENCY_KEY.IDEM_KEY.eq(key.key())))
                .execute();
    }

    @Override
    public Optional<Used> find(long tokenId, String key) {
        return dsl.selectFrom(IDEMPOTENCY_KEY)
                .where(IDEMPOTENCY_KEY.TOKEN_ID.eq(tokenId).and(IDEMPOTENCY_KEY.IDEM_KEY.eq(key)))
                .fetchOptional()
                .map(r -> new Used(r.getRequestHash(), r.getLeadId() == null ? null : new LeadId(r.getLeadId())));
    }
}
