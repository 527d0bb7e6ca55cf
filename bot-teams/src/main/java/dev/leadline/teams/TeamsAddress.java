package dev.leadline.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Where a Teams conversation lives: the Bot Framework service URL of its region, the conversation id
 * (a personal chat, group chat, or channel), the tenant, and the conversation type. Stored as JSON to
 * send there later.
 */
public record TeamsAddress(String serviceUrl, String conversationId, String tenantId, String conversationType) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a channel thread's conversation id adds to its channel's: {@code 19:...@thread.tacv2;messageid=<first message>}. */
    static final String THREAD = ";messageid=";

    /** The first message of the thread a conversation id names; empty for a channel or chat itself. */
    static java.util.Optional<String> threadStart(String conversationId) {
        int at = conversationId == null ? -1 : conversationId.indexOf(THREAD);
        return at < 0 ? java.util.Optional.empty() : java.util.Optional.of(conversationId.substring(at + THREAD.length()));
    }

    public String toJson() {
        return JSON.createObjectNode().put("serviceUrl", serviceUrl).put("conversationId", conversationId).put("tenantId", tenantId)
                .put("conversationType", conversationType).toString();
    }

    public static TeamsAddress parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return new TeamsAddress(node.path("serviceUrl").asText(), node.path("conversationId").asText(),
                    node.path("tenantId").asText(null), node.path("conversationType").asText(null));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a Teams address: " + json, e);
        }
    }
}
