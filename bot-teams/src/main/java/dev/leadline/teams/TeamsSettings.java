package dev.leadline.teams;

/**
 * How the Teams bot is registered: the Microsoft App ID and client secret of the Azure Bot, its
 * (single) tenant, and where keys and tokens come from. {@code authDisabled} is for local
 * development with the Agents Playground only: requests are then not authenticated.
 */
public record TeamsSettings(String appId, String appPassword, String tenantId, String openIdMetadataUrl, String loginUrl,
                            boolean authDisabled) {
    /** Where the Bot Framework publishes the keys its tokens are signed with. */
    public static final String BOT_FRAMEWORK_OPENID = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    /** Microsoft Entra ID, which issues the bot's own tokens for calls to the Bot Framework. */
    public static final String MICROSOFT_LOGIN = "https://login.microsoftonline.com";

    public TeamsSettings {
        openIdMetadataUrl = openIdMetadataUrl == null ? BOT_FRAMEWORK_OPENID : openIdMetadataUrl;
        loginUrl = loginUrl == null ? MICROSOFT_LOGIN : loginUrl.replaceAll("/+$", "");
    }
}
