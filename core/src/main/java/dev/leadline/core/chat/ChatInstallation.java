package dev.leadline.core.chat;

import java.time.Instant;

/**
 * A chat app installed in one workspace (Slack team, or enterprise grid): the bot's token and ids
 * there, and who installed it. {@code enterpriseId} is empty outside an enterprise grid.
 */
public record ChatInstallation(String platform, String enterpriseId, String workspaceId, String botToken, String botUserId, String botId,
                               String scopes, String installerUserId, Instant installedAt) {
    public ChatInstallation {
        enterpriseId = enterpriseId == null ? "" : enterpriseId;
    }
}
