package dev.leadline.slack;

/**
 * A single-workspace Slack app: the bot token ({@code xoxb-...}); the signing secret that proves
 * HTTP requests come from Slack; the app-level token ({@code xapp-...}) for Socket Mode, where Slack
 * sends everything over a WebSocket the app opens (no public URL needed); and the Web API base URL
 * ({@code https://slack.com/api/}; a loopback stub in tests). Either a signing secret or an app token
 * is needed; the other may be null.
 */
public record SlackSettings(String botToken, String signingSecret, String appToken, String apiUrl) {
    public static final String DEFAULT_API_URL = "https://slack.com/api/";

    public SlackSettings {
        apiUrl = apiUrl == null || apiUrl.isBlank() ? DEFAULT_API_URL : apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
    }
}
