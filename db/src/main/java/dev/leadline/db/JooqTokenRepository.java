package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.API_TOKEN;

import dev.leadline.core.access.ApiToken;
import dev.leadline.core.access.TokenRepository;
import dev.leadline.core.access.TokenRole;
import dev.leadline.db.jooq.tables.records.ApiTokenRecord;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/** API tokens in MariaDB, stored as SHA-256 hashes. */
public final class JooqTokenRepository implements TokenRepository {
    private final DSLContext dsl;

    public JooqTokenRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public ApiToken insert(String name, TokenRole role, String secretHash, Instant createdAt, Instant expiresAt) {
        ApiTokenRecord record = dsl.newRecord(API_TOKEN);
        record.setName(name);
        record.setRole(role.name());
        record.setTokenHash(secretHash);
        record.setCreatedAt(Times.toDb(createdAt));
        record.setExpiresAt(Times.toDb(expiresAt));
        record.store();
        return toToken(record);
    }

    @Override
    public Optional<ApiToken> findByHash(String secretHash) {
        return dsl.selectFrom(API_TOKEN).where(API_TOKEN.TOKEN_HASH.eq(secretHash)).fetchOptional()
                .map(JooqTokenRepository::toToken);
    }

    private static ApiToken toToken(ApiTokenRecord r) {
        return new ApiToken(r.getId(), r.getName(), TokenRole.valueOf(r.getRole()), Times.fromDb(r.getCreatedAt()),
                Times.fromDb(r.getExpiresAt()), Times.fromDb(r.getRevokedAt()));
    }
}
