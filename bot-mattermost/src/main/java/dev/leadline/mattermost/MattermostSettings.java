package dev.leadline.mattermost;

import java.util.Set;

/**
 * How to reach a Mattermost server and be reached by it.
 *
 * @param url           the Mattermost server, e.g. {@code https://chat.example.com}
 * @param botToken      the bot account's personal access token
 * @param commandTokens the verification tokens of the {@code /lead} and {@code /leads} slash commands
 * @param callbackUrl   Leadline's own address as Mattermost reaches it (for button clicks and dialogs)
 */
public record MattermostSettings(String url, String botToken, Set<String> commandTokens, String callbackUrl) {
    public MattermostSettings {
        commandTokens = Set.copyOf(commandTokens);
        url = url.replaceAll("/+$", "");
        callbackUrl = callbackUrl.replaceAll("/+$", "");
    }

    /** Where slash commands are sent. */
    public static final String COMMAND_PATH = "/mattermost/command";
    /** Where button clicks are sent. */
    public static final String ACTION_PATH = "/mattermost/action";
    /** Where submitted dialogs (forms) are sent. */
    public static final String DIALOG_PATH = "/mattermost/dialog";
}
