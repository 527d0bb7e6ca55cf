package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.CHAT_CONVERSATION;

import dev.leadline.core.chat.ChatConversations;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/** Chat conversation addresses in MariaDB. */
public final class JooqChatConversations implements ChatConversations {
    private final DSLContext dsl;

    public JooqChatConversations(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void remember(String platform, String key, String address, Instant at) {
        dsl.insertInto(CHAT_CONVERSATION).set(CHAT_CONVERSATION.PLATFORM, platform).set(CHAT_CONVERSATION.CONVERSATION_KEY, key)
                .set(CHAT_CONVERSATION.ADDRESS, address).set(CHAT_CONVERSATION.UPDATED_AT, Times.toDb(at))
                .onDuplicateKeyUpdate().set(CHAT_CONVERSATION.ADDRESS, address).set(CHAT_CONVERSATION.UPDATED_AT, Times.toDb(at))
                .execute();
    }

    @Override
    public Optional<String> find(String platform, String key) {
        return dsl.select(CHAT_CONVERSATION.ADDRESS).from(CHAT_CONVERSATION).where(CHAT_CONVERSATION.PLATFORM.eq(platform))
                .and(CHAT_CONVERSATION.CONVERSATION_KEY.eq(key)).fetchOptional(CHAT_CONVERSATION.ADDRESS);
    }
}
