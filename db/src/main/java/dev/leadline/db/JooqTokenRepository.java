package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.API_TOKEN;

import dev.leadline.core.access.ApiToken;
import dev.leadline.core.access.TokenRepository;
import dev.leadline.core.access.TokenRole;
import dev.leadline.db.jooq.tables.records.ApiTokenRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** API tokens in MariaDB, stored as SHA-256 hashes. */
public final class JooqTokenRepository implements TokenRepository {
    private final DSLContext dsl;

    public JooqTokenRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public ApiToken insert(NewToken token) {
        ApiTokenRecord record = dsl.newRecord(API_TOKEN);
        record.setName(token.name());
        record.setRole(token.role().name());
        record.setRepId(token.repId());
        record.setActAs(token.actAs());
        record.setTokenHash(token.secretHash());
        record.setCreatedAt(Times.toDb(token.createdAt()));
        record.setExpiresAt(Times.toDb(token.expiresAt()));
        record.store();
        return toToken(record);
    }

    @Override
    public Optional<ApiToken> findByHash(String secretHash) {
        return dsl.selectFrom(API_TOKEN).where(API_TOKEN.TOKEN_HASH.eq(secretHash)).fetchOptional()
                .map(JooqTokenRepository::toToken);
    }

    @Override
    public List<ApiToken> list() {
        return dsl.selectFrom(API_TOKEN).orderBy(API_TOKEN.ID.desc()).fetch(JooqTokenRepository::toToken);
    }

    @Override
    public List<ApiToken> active(String name) {
        return dsl.selectFrom(API_TOKEN).where(API_TOKEN.NAME.eq(name), API_TOKEN.REVOKED_AT.isNull())
                .orderBy(API_TOKEN.ID).fetch(JooqTokenRepository::toToken);
    }

    @Override
    public void revoke(List<Long> ids, Instant at) {
        dsl.update(API_TOKEN).set(API_TOKEN.REVOKED_AT, Times.toDb(at)).where(API_TOKEN.ID.in(ids), API_TOKEN.REVOKED_AT.isNull()).execute();
    }

    private static ApiToken toToken(ApiTokenRecord r) {
        return new ApiToken(r.getId(), r.getName(), TokenRole.valueOf(r.getRole()), r.getRepId(), Boolean.TRUE.equals(r.getActAs()),
                Times.fromDb(r.getCreatedAt()), Times.fromDb(r.getExpiresAt()), Times.fromDb(r.getRevokedAt()));
    }
}
