package dev.leadline.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadline.mattermost.MattermostSettings;
import dev.leadline.server.config.Config;
import dev.leadline.server.config.ConfigException;
import dev.leadline.slack.SlackSettings;
import dev.leadline.teams.TeamsSettings;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each chat platform reads its own section of the environment, here read as the server reads it, through {@link Config}. */
class ChatPlatformSectionsTest {

    @Test
    void theOutboxDeliversToTeamsThenSlackThenMattermost() {
        assertThat(ChatPlatforms.SECTIONS).extracting(ChatPlatform.Section::name).containsExactly("teams", "slack", "mattermost");
        assertThat(Config.fromEnvironment(Map.of("MATTERMOST_URL", "https://chat.example.com", "MATTERMOST_BOT_TOKEN", "t",
                "MATTERMOST_COMMAND_TOKENS", "a", "MATTERMOST_CALLBACK_URL", "https://leadline.example.com",
                "SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s", "TEAMS_AUTH_DISABLED", "true")).chat())
                .extracting(setup -> setup.section().name()).containsExactly("teams", "slack", "mattermost");
    }

    @Test
    void slackNeedsABotTokenAndASigningSecretOrAnAppToken() {
        assertThat(settings(Map.of(), SlackSettings.class)).isEmpty();
        assertThat(settings(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s"), SlackSettings.class)).isPresent();
        assertThat(settings(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1"), SlackSettings.class)
                .map(SlackSettings::appToken)).contains("xapp-1");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("SLACK_BOT_TOKEN", "xoxb-1")))
                .hasMessageContaining("SLACK_SIGNING_SECRET").hasMessageContaining("SLACK_APP_TOKEN");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("SLACK_SIGNING_SECRET", "s")))
                .hasMessageContaining("SLACK_BOT_TOKEN is required");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xoxb-2")))
                .hasMessageContaining("starting with xapp-");
    }

    @Test
    void slackInstalledInManyWorkspacesNeedsItsClientAndSigningSecretAndNoBotToken() {
        assertThat(settings(Map.of("SLACK_CLIENT_ID", "1.2", "SLACK_CLIENT_SECRET", "c", "SLACK_SIGNING_SECRET", "s"), SlackSettings.class))
                .get().satisfies(s -> assertThat(s.multiWorkspace()).isTrue());
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("SLACK_CLIENT_ID", "1.2", "SLACK_SIGNING_SECRET", "s")))
                .hasMessageContaining("installing in many workspaces needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("SLACK_CLIENT_ID", "1.2", "SLACK_CLIENT_SECRET", "c",
                "SLACK_SIGNING_SECRET", "s", "SLACK_BOT_TOKEN", "xoxb-1")))
                .hasMessageContaining("set either SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID/SLACK_CLIENT_SECRET (install in many), not both");
    }

    @Test
    void teamsNeedsItsAppIdSecretAndTenantTogetherAsGuids() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("TEAMS_APP_ID", "11111111-2222-3333-4444-555555555555")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("missing: TEAMS_APP_PASSWORD, TEAMS_TENANT_ID");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("TEAMS_APP_ID", "my-bot", "TEAMS_APP_PASSWORD", "s",
                "TEAMS_TENANT_ID", "contoso.onmicrosoft.com")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TEAMS_APP_ID must be the Azure Bot's Microsoft App ID")
                .hasMessageContaining("TEAMS_TENANT_ID must be your Microsoft Entra tenant id");

        assertThat(settings(Map.of("TEAMS_APP_ID", "11111111-2222-3333-4444-555555555555", "TEAMS_APP_PASSWORD", "s",
                "TEAMS_TENANT_ID", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"), TeamsSettings.class)).get().satisfies(t -> {
                    assertThat(t.authDisabled()).isFalse();
                    assertThat(t.openIdMetadataUrl()).isEqualTo("https://login.botframework.com/v1/.well-known/openidconfiguration");
                    assertThat(t.loginUrl()).isEqualTo("https://login.microsoftonline.com");
                });
        assertThat(settings(Map.of(), TeamsSettings.class)).isEmpty();
    }

    @Test
    void teamsAuthenticationIsOffOnlyWhenExplicitlyTurnedOff() {
        assertThat(settings(Map.of("TEAMS_AUTH_DISABLED", "true"), TeamsSettings.class)).get()
                .satisfies(t -> assertThat(t.authDisabled()).isTrue());
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("TEAMS_AUTH_DISABLED", "yes")))
                .hasMessageContaining("TEAMS_AUTH_DISABLED must be true or false");
    }

    @Test
    void mattermostNeedsItsFourVariablesTogetherAndNamesTheMissingOnes() {
        assertThat(settings(Map.of(), MattermostSettings.class)).isEmpty();
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("MATTERMOST_URL", "https://chat.example.com", "MATTERMOST_BOT_TOKEN", "t")))
                .hasMessageContaining("missing: MATTERMOST_COMMAND_TOKENS, MATTERMOST_CALLBACK_URL");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("MATTERMOST_URL", "chat.example.com", "MATTERMOST_BOT_TOKEN", "t",
                "MATTERMOST_COMMAND_TOKENS", "a", "MATTERMOST_CALLBACK_URL", "https://leadline.example.com")))
                .hasMessageContaining("MATTERMOST_URL must be an http(s) URL");
        assertThat(settings(Map.of("MATTERMOST_URL", "https://chat.example.com/", "MATTERMOST_BOT_TOKEN", "t",
                "MATTERMOST_COMMAND_TOKENS", "a, b", "MATTERMOST_CALLBACK_URL", "https://leadline.example.com"), MattermostSettings.class)).get()
                .satisfies(m -> {
                    assertThat(m.url()).isEqualTo("https://chat.example.com");
                    assertThat(m.commandTokens()).containsExactlyInAnyOrder("a", "b");
                });
    }

    private static <S> Optional<S> settings(Map<String, String> env, Class<S> type) {
        return ChatPlatform.Setup.find(Config.fromEnvironment(env).chat(), type);
    }
}
