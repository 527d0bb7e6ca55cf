package dev.leadline.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

    @Test
    void defaultsNeedNoVariablesAtAll() {
        Config config = Config.fromEnvironment(Map.of());

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.externalDb()).isEmpty();
        assertThat(config.dataDir()).hasToString("./data");
        assertThat(config.pluginsDir()).as("plugins live under the data directory, never in the folder the server starts in")
                .hasToString("./data/plugins");
    }

    @Test
    void everyProblemIsNamedByItsVariable() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of(
                "LEADLINE_PORT", "eighty",
                "LEADLINE_DB_URL", "postgres://nope",
                "LEADLINE_BOOTSTRAP_TOKEN", "short",
                "LEADLINE_TRUST_PROXY", "maybe")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("LEADLINE_PORT must be a whole number")
                .hasMessageContaining("LEADLINE_DB_URL must be a MariaDB JDBC URL")
                .hasMessageContaining("LEADLINE_DB_USER is required")
                .hasMessageContaining("LEADLINE_BOOTSTRAP_TOKEN must be at least 16 characters")
                .hasMessageContaining("LEADLINE_TRUST_PROXY must be true or false");
    }

    @Test
    void theOldTrustProxyFlagAsksForTheTrustedProxiesInstead() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LEADLINE_TRUST_PROXY", "true")))
                .hasMessageContaining("LEADLINE_TRUST_PROXY is replaced by LEADLINE_TRUSTED_PROXIES");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LEADLINE_TRUSTED_PROXIES", "10.0.0.0/8, proxy")))
                .hasMessageContaining("LEADLINE_TRUSTED_PROXIES must be comma-separated CIDR blocks");
    }

    @Test
    void anExternalDatabaseIsUsedWhenItsUrlIsSet() {
        Config config = Config.fromEnvironment(Map.of("LEADLINE_DB_URL", "jdbc:mariadb://db:3306/leadline",
                "LEADLINE_DB_USER", "leadline", "LEADLINE_DB_PASSWORD", "secret"));

        assertThat(config.externalDb()).contains(new Config.ExternalDb("jdbc:mariadb://db:3306/leadline", "leadline", "secret"));
    }

    @Test
    void anSlaThatCannotBeReadIsRefusedWithWhereAndWhy() {
        ConfigFile file = ConfigFile.parse("sla:\n  Inbound:\n    steps:\n      - {after: soon, do: remind}\n");
        assertThatThrownBy(() -> file.sla().get("Inbound").toPolicy("Inbound"))
                .hasMessageContaining("sla.Inbound.steps[0].after").hasMessageContaining("90s, 5m or 2h");
        ConfigFile backwards = ConfigFile.parse("sla:\n  Inbound:\n    steps:\n      - {after: 30m, do: remind}\n      - {after: 5m, do: nag}\n");
        assertThatThrownBy(() -> backwards.sla().get("Inbound").toPolicy("Inbound")).hasMessageContaining("later and later");
        ConfigFile noZone = ConfigFile.parse("sla:\n  Inbound:\n    hours: MON-FRI 09:00-17:00\n    steps:\n      - {after: 5m, do: remind}\n");
        assertThatThrownBy(() -> noZone.sla().get("Inbound").toPolicy("Inbound")).hasMessageContaining("sla.Inbound.timeZone");
        ConfigFile office = ConfigFile.parse("sla:\n  Inbound:\n    hours: MON-FRI 09:00-17:00\n    timeZone: Europe/Berlin\n"
                + "    steps:\n      - {after: 5m, do: remind}\n");
        assertThat(office.sla().get("Inbound").toPolicy("Inbound").hours()).isPresent();
    }

    @Test
    void aBrokenConfigFileIsRefusedWithItsProblem() {
        assertThatThrownBy(() -> ConfigFile.parse("reps:\n  - email: a@b.example\n    nmae: typo\n"))
                .hasMessageContaining("nmae");
    }

    @Test
    void routingWaitsTwoSecondsForEnrichmentUnlessTheFileSaysOtherwise() {
        assertThat(ConfigFile.parse("reps: []\n").settings().enrichmentWait()).isEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(ConfigFile.parse("routing:\n  enrichmentWait: 10m\n").settings().enrichmentWait()).isEqualTo(java.time.Duration.ofMinutes(10));
        assertThat(ConfigFile.parse("routing:\n  enrichmentWait: 0s\n").settings().enrichmentWait()).isZero();
        assertThatThrownBy(() -> ConfigFile.parse("routing:\n  enrichmentWait: soon\n").settings())
                .hasMessageContaining("routing.enrichmentWait").hasMessageContaining("500ms, 90s, 5m or 2h");
    }

    @Test
    void accountMatchingBreaksTiesByOpenOpportunitiesUnlessTheFileNamesAnotherTiebreaker() {
        assertThat(ConfigFile.parse("reps: []\n").settings().accountTiebreaker()).isEqualTo(dev.leadline.core.account.AccountTiebreaker.OPEN_OPPORTUNITIES);
        assertThat(ConfigFile.parse("accounts:\n  tiebreaker: largest\n").settings().accountTiebreaker())
                .isEqualTo(dev.leadline.core.account.AccountTiebreaker.LARGEST);
        assertThatThrownBy(() -> ConfigFile.parse("accounts:\n  tiebreaker: biggest\n").settings())
                .hasMessageContaining("accounts.tiebreaker").hasMessageContaining("open-opportunities, recent-activity, largest");
    }

    @Test
    void aQueuesRoutingIsReadFromTheFile() {
        ConfigFile file = ConfigFile.parse("""
                queues:
                  - name: Enterprise
                    members: [jane@example.com]
                    strategy: weighted
                    weights: {jane@example.com: 200}
                    caps: {perRep: {day: 20}, total: {month: 1500}, timeZone: Europe/Berlin}
                    fallback: {queue: Inbound}
                """);
        var queue = file.queues().get(0);
        assertThat(queue.strategy()).isEqualTo("weighted");
        assertThat(queue.weights()).containsEntry("jane@example.com", 200);
        assertThat(queue.caps().perRep().day()).isEqualTo(20);
        assertThat(queue.caps().total().month()).isEqualTo(1500);
        assertThat(queue.fallback().queue()).isEqualTo("Inbound");
    }

    @Test
    void theIdlePeriodComesFromTheConfigFileOrDefaultsToThirtyDays() {
        assertThat(ConfigFile.parse("views:\n  idleDays: 14\n").settings().idleAfter()).isEqualTo(java.time.Duration.ofDays(14));
        assertThat(ConfigFile.parse("reps: []\n").settings().idleAfter()).isEqualTo(java.time.Duration.ofDays(30));
        assertThatThrownBy(() -> ConfigFile.parse("views:\n  idleDays: 0\n")).hasMessageContaining("views.idleDays");
    }

    @Test
    void slackNeedsABotTokenAndASigningSecretOrAnAppToken() {
        assertThat(Config.fromEnvironment(java.util.Map.of()).slack()).isEmpty();
        assertThat(Config.fromEnvironment(java.util.Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s")).slack()).isPresent();
        assertThat(Config.fromEnvironment(java.util.Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1")).slack()
                .map(s -> s.appToken())).contains("xapp-1");
        assertThatThrownBy(() -> Config.fromEnvironment(java.util.Map.of("SLACK_BOT_TOKEN", "xoxb-1")))
                .hasMessageContaining("SLACK_SIGNING_SECRET").hasMessageContaining("SLACK_APP_TOKEN");
        assertThatThrownBy(() -> Config.fromEnvironment(java.util.Map.of("SLACK_SIGNING_SECRET", "s")))
                .hasMessageContaining("SLACK_BOT_TOKEN is required");
        assertThatThrownBy(() -> Config.fromEnvironment(java.util.Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xoxb-2")))
                .hasMessageContaining("starting with xapp-");
    }

    @Test
    void teamsNeedsItsAppIdSecretAndTenantTogetherAsGuids() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("TEAMS_APP_ID", "11111111-2222-3333-4444-555555555555")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("missing: TEAMS_APP_PASSWORD, TEAMS_TENANT_ID");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("TEAMS_APP_ID", "my-bot", "TEAMS_APP_PASSWORD", "s",
                "TEAMS_TENANT_ID", "contoso.onmicrosoft.com")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("TEAMS_APP_ID must be the Azure Bot's Microsoft App ID")
                .hasMessageContaining("TEAMS_TENANT_ID must be your Microsoft Entra tenant id");

        Config config = Config.fromEnvironment(Map.of("TEAMS_APP_ID", "11111111-2222-3333-4444-555555555555", "TEAMS_APP_PASSWORD", "s",
                "TEAMS_TENANT_ID", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"));
        assertThat(config.teams()).get().satisfies(t -> {
            assertThat(t.authDisabled()).isFalse();
            assertThat(t.openIdMetadataUrl()).isEqualTo("https://login.botframework.com/v1/.well-known/openidconfiguration");
            assertThat(t.loginUrl()).isEqualTo("https://login.microsoftonline.com");
        });
        assertThat(Config.fromEnvironment(Map.of()).teams()).isEmpty();
    }

    @Test
    void mattermostNeedsItsFourVariablesTogetherAndNamesTheMissingOnes() {
        assertThat(Config.fromEnvironment(Map.of()).mattermost()).isEmpty();
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("MATTERMOST_URL", "https://chat.example.com", "MATTERMOST_BOT_TOKEN", "t")))
                .hasMessageContaining("missing: MATTERMOST_COMMAND_TOKENS, MATTERMOST_CALLBACK_URL");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("MATTERMOST_URL", "chat.example.com", "MATTERMOST_BOT_TOKEN", "t",
                "MATTERMOST_COMMAND_TOKENS", "a", "MATTERMOST_CALLBACK_URL", "https://leadline.example.com")))
                .hasMessageContaining("MATTERMOST_URL must be an http(s) URL");
        assertThat(Config.fromEnvironment(Map.of("MATTERMOST_URL", "https://chat.example.com/", "MATTERMOST_BOT_TOKEN", "t",
                "MATTERMOST_COMMAND_TOKENS", "a, b", "MATTERMOST_CALLBACK_URL", "https://leadline.example.com")).mattermost()).get()
                .satisfies(m -> {
                    assertThat(m.url()).isEqualTo("https://chat.example.com");
                    assertThat(m.commandTokens()).containsExactlyInAnyOrder("a", "b");
                });
    }

    @Test
    void teamsAuthenticationIsOffOnlyWhenExplicitlyTurnedOff() {
        assertThat(Config.fromEnvironment(Map.of("TEAMS_AUTH_DISABLED", "true")).teams()).get()
                .satisfies(t -> assertThat(t.authDisabled()).isTrue());
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("TEAMS_AUTH_DISABLED", "yes")))
                .hasMessageContaining("TEAMS_AUTH_DISABLED must be true or false");
    }

    @Test
    void pluginArchivesAreLimitedTo50MegabytesSentAnd200Unpacked10000EntriesUnlessSetOtherwise() {
        assertThat(Config.fromEnvironment(Map.of()).pluginLimits())
                .isEqualTo(new dev.leadline.server.plugins.PluginLimits(52_428_800, 209_715_200, 10_000));
        assertThat(Config.fromEnvironment(Map.of("LEADLINE_MAX_PLUGIN_ENTRIES", "50")).pluginLimits().maxEntries()).isEqualTo(50);
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LEADLINE_MAX_PLUGIN_BYTES", "50MB", "LEADLINE_MAX_PLUGIN_EXPANDED_BYTES", "0",
                "LEADLINE_MAX_PLUGIN_ENTRIES", "-1")))
                .hasMessageContaining("LEADLINE_MAX_PLUGIN_BYTES must be a whole number")
                .hasMessageContaining("LEADLINE_MAX_PLUGIN_EXPANDED_BYTES must be a whole number")
                .hasMessageContaining("LEADLINE_MAX_PLUGIN_ENTRIES must be a whole number");
    }
}
