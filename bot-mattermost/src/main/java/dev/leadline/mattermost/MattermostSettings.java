package dev.leadline.mattermost;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * How to reach a Mattermost server and be reached by it.
 *
 * @param url           the Mattermost server, e.g. {@code https://chat.example.com}
 * @param botToken      the bot account's personal access token
 * @param commandTokens the verification tokens of the {@code /lead} and {@code /leads} slash commands
 * @param callbackUrl   Leadline's own address as Mattermost reaches it (for button clicks and dialogs)
 * @param webhookTokens the tokens of the outgoing webhooks that bring posts (files, a room's messages); none: posts are refused
 */
public record MattermostSettings(String url, String botToken, Set<String> commandTokens, String callbackUrl, Set<String> webhookTokens) {
    public MattermostSettings {
        commandTokens = Set.copyOf(commandTokens);
        webhookTokens = Set.copyOf(webhookTokens);
        url = url.replaceAll("/+$", "");
        callbackUrl = callbackUrl.replaceAll("/+$", "");
    }

    /** Where slash commands are sent. */
    public static final String COMMAND_PATH = "/mattermost/command";
    /** Where button clicks are sent. */
    public static final String ACTION_PATH = "/mattermost/action";
    /** Where submitted dialogs (forms) are sent. */
    public static final String DIALOG_PATH = "/mattermost/dialog";
    /** Where outgoing webhooks send posts. */
    public static final String POSTS_PATH = "/mattermost/posts";

    boolean isCommandToken(String token) {
        return oneOf(commandTokens, token);
    }

    boolean isWebhookToken(String token) {
        return oneOf(webhookTokens, token);
    }

    /** Compared in constant time, so that the answer's timing does not give a token away. */
    private static boolean oneOf(Set<String> tokens, String token) {
        byte[] given = (token == null ? "" : token).getBytes(StandardCharsets.UTF_8);
        boolean found = false;
        for (String t : tokens) {
            found |= MessageDigest.isEqual(t.getBytes(StandardCharsets.UTF_8), given);
        }
        return found;
    }
}
