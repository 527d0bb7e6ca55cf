package dev.leadline.slack;

/**
 * A single-workspace Slack app: the bot token ({@code xoxb-...}), the signing secret that proves
 * requests come from Slack, and the Web API base URL ({@code https://slack.com/api/}; a loopback stub
 * in tests).
 */
public record SlackSettings(String botToken, String signingSecret, String apiUrl) {
    public static final String DEFAULT_API_URL = "https://slack.com/api/";

    public SlackSettings {
        apiUrl = apiUrl == null || apiUrl.isBlank() ? DEFAULT_API_URL : apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
    }
}
