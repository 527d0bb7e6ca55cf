package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.CHAT_REQUEST_SEEN;

import dev.leadline.core.chat.SeenRequests;
import java.time.Duration;
import java.time.Instant;
import org.jooq.DSLContext;

/** Chat requests already taken, in MariaDB: one insert decides, so two nodes never both take the same one. */
public final class JooqSeenRequests implements SeenRequests {
    private static final int EXPIRED_PER_CALL = 100;
    private final DSLContext dsl;

    public JooqSeenRequests(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public boolean firstTime(String key, Instant now, Duration window) {
        dsl.deleteFrom(CHAT_REQUEST_SEEN).where(CHAT_REQUEST_SEEN.SEEN_AT.lt(Times.toDb(now.minus(window)))).limit(EXPIRED_PER_CALL).execute();
        return dsl.insertInto(CHAT_REQUEST_SEEN, CHAT_REQUEST_SEEN.REQUEST_KEY, CHAT_REQUEST_SEEN.SEEN_AT)
                .values(key, Times.toDb(now)).onDuplicateKeyIgnore().execute() == 1;
    }
}
