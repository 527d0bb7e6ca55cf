package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.CONSOLE_SSO_ATTEMPT;

import dev.leadline.core.access.SsoAttemptRepository;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/** Console sign-ins by single sign-on in MariaDB, by the hashes of their states, so the browser may come back to any node. */
public final class JooqSsoAttempts implements SsoAttemptRepository {
    private final DSLContext dsl;

    public JooqSsoAttempts(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void insert(String stateHash, String nonce, String codeVerifier, Instant createdAt, Instant expiresAt, Instant forgetBefore) {
        dsl.deleteFrom(CONSOLE_SSO_ATTEMPT).where(CONSOLE_SSO_ATTEMPT.EXPIRES_AT.lt(Times.toDb(forgetBefore))).execute();
        dsl.insertInto(CONSOLE_SSO_ATTEMPT, CONSOLE_SSO_ATTEMPT.STATE_HASH, CONSOLE_SSO_ATTEMPT.NONCE, CONSOLE_SSO_ATTEMPT.CODE_VERIFIER,
                CONSOLE_SSO_ATTEMPT.CREATED_AT, CONSOLE_SSO_ATTEMPT.EXPIRES_AT)
                .values(stateHash, nonce, codeVerifier, Times.toDb(createdAt), Times.toDb(expiresAt)).execute();
    }

    @Override
    public Optional<StoredAttempt> find(String stateHash) {
        return dsl.selectFrom(CONSOLE_SSO_ATTEMPT).where(CONSOLE_SSO_ATTEMPT.STATE_HASH.eq(stateHash)).fetchOptional()
                .map(r -> new StoredAttempt(r.getId(), r.getNonce(), r.getCodeVerifier(), Times.fromDb(r.getExpiresAt()),
                        Times.fromDb(r.getUsedAt())));
    }

    @Override
    public boolean use(long id, Instant at) {
        return dsl.update(CONSOLE_SSO_ATTEMPT).set(CONSOLE_SSO_ATTEMPT.USED_AT, Times.toDb(at))
                .where(CONSOLE_SSO_ATTEMPT.ID.eq(id), CONSOLE_SSO_ATTEMPT.USED_AT.isNull()).execute() == 1;
    }
}
