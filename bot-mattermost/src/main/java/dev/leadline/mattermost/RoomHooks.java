package dev.leadline.mattermost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outgoing webhook of each lead room: made by the bot with the room (so that the room's files and
 * messages reach Leadline without anyone setting a webhook up), and its token trusted only when
 * Mattermost says the bot made that webhook, for that channel, calling Leadline. A token once found good
 * is remembered for a while, per channel.
 */
final class RoomHooks {
    private static final Logger log = LoggerFactory.getLogger(RoomHooks.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REMEMBERED = Duration.ofMinutes(10);
    private final MattermostApi api;
    private final String callback;
    private final Clock clock;
    private final Map<String, Instant> trusted = new ConcurrentHashMap<>();

    RoomHooks(MattermostApi api, String postsUrl, Clock clock) {
        this.api = api;
        this.callback = postsUrl;
        this.clock = clock;
    }

    /** Makes the room's webhook unless the bot made one already; a bot without the permission is told in the log. */
    void ensure(String teamId, String channelId) {
        try {
            if (ours(api.outgoingHooks(channelId), channelId) != null) {
                return;
            }
            api.createOutgoingHook(JSON.createObjectNode().put("team_id", teamId).put("channel_id", channelId)
                    .put("display_name", "Leadline room").put("description", "Files and messages of a Leadline lead room")
                    .put("content_type", "application/json").put("trigger_when", 0)
                    .set("callback_urls", JSON.createArrayNode().add(callback)));
        } catch (MattermostApi.Failed e) {
            log.warn("No outgoing webhook for the lead room {}: {}; files and messages there reach Leadline only through a webhook set up "
                    + "by hand (MATTERMOST_WEBHOOK_TOKENS), or once the bot may manage outgoing webhooks", channelId, e.getMessage());
        }
    }

    /** Whether the token is that of the webhook the bot made for this channel. */
    boolean trusts(String channelId, String token) {
        if (channelId == null || channelId.isEmpty() || token == null || token.isEmpty()) {
            return false;
        }
        String key = channelId + "\n" + token;
        Instant until = trusted.get(key);
        if (until != null && until.isAfter(clock.instant())) {
            return true;
        }
        try {
            JsonNode hook = ours(api.outgoingHooks(channelId), channelId);
            if (hook != null && MessageDigest.isEqual(hook.path("token").asText("").getBytes(StandardCharsets.UTF_8),
                    token.getBytes(StandardCharsets.UTF_8))) {
                trusted.put(key, clock.instant().plus(REMEMBERED));
                return true;
            }
        } catch (MattermostApi.Failed e) {
            log.info("Could not check a webhook token for channel {}: {}", channelId, e.getMessage());
        }
        return false;
    }

    /** The webhook among these that the bot made for the channel, calling Leadline; null when there is none. */
    private JsonNode ours(JsonNode hooks, String channelId) throws MattermostApi.Failed {
        String bot = api.botId();
        for (JsonNode hook : hooks) {
            boolean callsUs = false;
            for (JsonNode url : hook.path("callback_urls")) {
                callsUs |= callback.equals(url.asText());
            }
            if (callsUs && bot.equals(hook.path("creator_id").asText()) && channelId.equals(hook.path("channel_id").asText())
                    && hook.path("delete_at").asLong(0) == 0) {
                return hook;
            }
        }
        return null;
    }
}
