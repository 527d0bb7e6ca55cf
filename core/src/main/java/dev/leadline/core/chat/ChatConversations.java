package dev.leadline.core.chat;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a bot can reach people later without being spoken to first (Teams' proactive messages): an
 * address per key (a user's personal chat, a channel), as the platform's module writes it.
 */
public interface ChatConversations {
    /** Stores or replaces the address under the key. */
    void remember(String platform, String key, String address, Instant at);

    Optional<String> find(String platform, String key);
}
