package dev.leadline.slack;

/**
 * How Leadline talks to Slack. One workspace: the bot token ({@code xoxb-...}). Many workspaces: the
 * app's client id and secret, and each workspace installs the app at {@code /slack/install}. Either
 * way: the signing secret that proves HTTP requests come from Slack, and/or the app-level token
 * ({@code xapp-...}) for Socket Mode, where Slack sends everything over a WebSocket the app opens.
 * The Web API base URL is {@code https://slack.com/api/} (a loopback stub in tests).
 */
public record SlackSettings(String botToken, String signingSecret, String appToken, String clientId, String clientSecret,
                            String redirectUri, String apiUrl) {
    public static final String DEFAULT_API_URL = "https://slack.com/api/";
    /** The bot scopes the app asks for when a workspace installs it (as in docs/slack-app-manifest.yml). */
    public static final String BOT_SCOPES = "channels:history,channels:manage,channels:read,chat:write,commands,files:read,groups:history,"
            + "im:history,im:write,pins:write,users:read,users:read.email";

    public SlackSettings {
        apiUrl = apiUrl == null || apiUrl.isBlank() ? DEFAULT_API_URL : apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
    }

    public static SlackSettings singleWorkspace(String botToken, String signingSecret, String appToken, String apiUrl) {
        return new SlackSettings(botToken, signingSecret, appToken, null, null, null, apiUrl);
    }

    public boolean multiWorkspace() {
        return botToken == null;
    }
}
