package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.CONSOLE_LINK;
import static dev.leadline.db.jooq.Tables.CONSOLE_SESSION;

import dev.leadline.core.access.ConsoleSession;
import dev.leadline.core.access.ConsoleSessionRepository;
import dev.leadline.db.jooq.tables.records.ConsoleSessionRecord;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/** Console sign-in links and sessions in MariaDB, by the hashes of their secrets, so every node shares them. */
public final class JooqConsoleSessions implements ConsoleSessionRepository {
    private final DSLContext dsl;

    public JooqConsoleSessions(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void insertLink(String linkHash, long repId, Instant createdAt, Instant expiresAt) {
        dsl.insertInto(CONSOLE_LINK, CONSOLE_LINK.LINK_HASH, CONSOLE_LINK.REP_ID, CONSOLE_LINK.CREATED_AT, CONSOLE_LINK.EXPIRES_AT)
                .values(linkHash, repId, Times.toDb(createdAt), Times.toDb(expiresAt)).execute();
    }

    @Override
    public Optional<StoredLink> findLink(String linkHash) {
        return dsl.selectFrom(CONSOLE_LINK).where(CONSOLE_LINK.LINK_HASH.eq(linkHash)).fetchOptional()
                .map(r -> new StoredLink(r.getId(), r.getRepId(), Times.fromDb(r.getExpiresAt()), Times.fromDb(r.getUsedAt())));
    }

    @Override
    public boolean useLink(long id, Instant at) {
        return dsl.update(CONSOLE_LINK).set(CONSOLE_LINK.USED_AT, Times.toDb(at))
                .where(CONSOLE_LINK.ID.eq(id), CONSOLE_LINK.USED_AT.isNull()).execute() == 1;
    }

    @Override
    public ConsoleSession insertSession(String sessionHash, long repId, String csrfToken, Instant at) {
        ConsoleSessionRecord record = dsl.newRecord(CONSOLE_SESSION);
        record.setSessionHash(sessionHash);
        record.setRepId(repId);
        record.setCsrfToken(csrfToken);
        record.setCreatedAt(Times.toDb(at));
        record.setLastSeenAt(Times.toDb(at));
        record.store();
        return toSession(record);
    }

    @Override
    public Optional<ConsoleSession> findSession(String sessionHash) {
        return dsl.selectFrom(CONSOLE_SESSION).where(CONSOLE_SESSION.SESSION_HASH.eq(sessionHash), CONSOLE_SESSION.ENDED_AT.isNull())
                .fetchOptional().map(JooqConsoleSessions::toSession);
    }

    @Override
    public void touch(long id, Instant at) {
        dsl.update(CONSOLE_SESSION).set(CONSOLE_SESSION.LAST_SEEN_AT, Times.toDb(at)).where(CONSOLE_SESSION.ID.eq(id)).execute();
    }

    @Override
    public void end(long id, Instant at) {
        dsl.update(CONSOLE_SESSION).set(CONSOLE_SESSION.ENDED_AT, Times.toDb(at))
                .where(CONSOLE_SESSION.ID.eq(id), CONSOLE_SESSION.ENDED_AT.isNull()).execute();
    }

    private static ConsoleSession toSession(ConsoleSessionRecord r) {
        return new ConsoleSession(r.getId(), r.getRepId(), r.getCsrfToken(), Times.fromDb(r.getCreatedAt()), Times.fromDb(r.getLastSeenAt()));
    }
}
