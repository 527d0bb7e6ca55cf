package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.CHAT_RATE_LIMIT;

import dev.leadline.core.notify.ChatPace;
import dev.leadline.core.notify.Destination;
import java.time.Instant;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** A platform's pace and Retry-After answers per method and destination, in MariaDB so that every node honours them. */
public final class JooqChatPace implements ChatPace {
    private final DSLContext dsl;

    public JooqChatPace(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<Instant> notBefore(String platform, String method, Destination destination, Instant now) {
        return dsl.select(CHAT_RATE_LIMIT.NOT_BEFORE).from(CHAT_RATE_LIMIT).where(key(platform, method, destination))
                .fetchOptional(CHAT_RATE_LIMIT.NOT_BEFORE).map(Times::fromDb).filter(until -> until.isAfter(now));
    }

    @Override
    public void hold(String platform, String method, Destination destination, Instant until) {
        dsl.insertInto(CHAT_RATE_LIMIT)
                .set(CHAT_RATE_LIMIT.PLATFORM, platform)
                .set(CHAT_RATE_LIMIT.METHOD, method)
                .set(CHAT_RATE_LIMIT.DESTINATION_TYPE, destination.type().name())
                .set(CHAT_RATE_LIMIT.DESTINATION_ID, destination.id())
                .set(CHAT_RATE_LIMIT.NOT_BEFORE, Times.toDb(until))
                .onDuplicateKeyUpdate()
                .set(CHAT_RATE_LIMIT.NOT_BEFORE, DSL.greatest(CHAT_RATE_LIMIT.NOT_BEFORE, DSL.val(Times.toDb(until))))
                .execute();
    }

    private static Condition key(String platform, String method, Destination destination) {
        return CHAT_RATE_LIMIT.PLATFORM.eq(platform).and(CHAT_RATE_LIMIT.METHOD.eq(method))
                .and(CHAT_RATE_LIMIT.DESTINATION_TYPE.eq(destination.type().name())).and(CHAT_RATE_LIMIT.DESTINATION_ID.eq(destination.id()));
    }
}
