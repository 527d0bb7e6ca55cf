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
    void nurtureMailIsOffUntilItsServerIsSetAndThenTakesSafeDefaults() {
        assertThat(Config.fromEnvironment(Map.of()).mail().smtp()).isEmpty();

        Config config = Config.fromEnvironment(Map.of("LEADLINE_SMTP_HOST", "smtp.example.com", "LEADLINE_SMTP_USER", "leadline",
                "LEADLINE_SMTP_PASSWORD", "secret", "LEADLINE_SMTP_FROM", "sales@example.com", "LEADLINE_PUBLIC_URL", "https://leads.example.com",
                "LEADLINE_IMAP_HOST", "imap.example.com", "LEADLINE_IMAP_USER", "sales@example.com", "LEADLINE_IMAP_PASSWORD", "secret"));

        assertThat(config.mail().smtp().orElseThrow()).isEqualTo(new MailSettings.Server("smtp.example.com", 587, java.util.Optional.of("leadline"),
                "secret", "starttls"));
        assertThat(config.mail().imap().orElseThrow().port()).isEqualTo(993);
        assertThat(config.mail().imap().orElseThrow().tls()).isEqualTo("tls");
        assertThat(config.mail().from()).contains("sales@example.com");
        assertThat(config.mail().smtp().orElseThrow().toString()).doesNotContain("secret");
    }

    @Test
    void nurtureMailProblemsAreNamedByTheirVariables() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LEADLINE_SMTP_HOST", "smtp.example.com", "LEADLINE_SMTP_TLS", "ssl",
                "LEADLINE_SMTP_PORT", "99999", "LEADLINE_SMTP_USER", "only-user", "LEADLINE_IMAP_HOST", "imap.example.com",
                "LEADLINE_SMTP_MAX_PER_DOMAIN_HOUR", "0")))
                .hasMessageContaining("LEADLINE_PUBLIC_URL is required with LEADLINE_SMTP_HOST")
                .hasMessageContaining("LEADLINE_SMTP_TLS must be starttls, tls or none")
                .hasMessageContaining("LEADLINE_SMTP_PORT must be a port number")
                .hasMessageContaining("LEADLINE_SMTP_USER and LEADLINE_SMTP_PASSWORD go together")
                .hasMessageContaining("LEADLINE_IMAP_USER and LEADLINE_IMAP_PASSWORD are required")
                .hasMessageContaining("LEADLINE_SMTP_MAX_PER_DOMAIN_HOUR must be a whole number");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LEADLINE_SMTP_FROM", "Sales <sales@example.com>")))
                .hasMessageContaining("LEADLINE_SMTP_FROM must be a plain address")
                .hasMessageContaining("LEADLINE_SMTP_FROM is set but LEADLINE_SMTP_HOST is not");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LEADLINE_IMAP_PASSWORD", "secret")))
                .hasMessageContaining("LEADLINE_IMAP_PASSWORD is set but LEADLINE_IMAP_HOST is not");
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
    void chatPlatformsProblemsAreReportedWithTheServersOwn() {
        assertThat(Config.fromEnvironment(Map.of()).chat()).as("no chat platform unless its variables are set").isEmpty();
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LEADLINE_PORT", "eighty", "SLACK_BOT_TOKEN", "xoxb-1",
                "TEAMS_AUTH_DISABLED", "yes")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("LEADLINE_PORT must be a whole number")
                .hasMessageContaining("SLACK_BOT_TOKEN needs SLACK_SIGNING_SECRET")
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

    @Test
    void signInByOpenIdConnectNeedsIssuerClientIdAndSecretTogetherAndThePublicUrl() {
        Map<String, String> all = Map.of("LEADLINE_OIDC_ISSUER", "https://accounts.google.com", "LEADLINE_OIDC_CLIENT_ID", "leadline",
                "LEADLINE_OIDC_CLIENT_SECRET", "s3cret", "LEADLINE_PUBLIC_URL", "https://leads.example.com/");
        OidcSettings oidc = Config.fromEnvironment(all).oidc().orElseThrow();
        assertThat(oidc.redirectUri()).hasToString("https://leads.example.com/console/sso/callback");
        assertThat(oidc.trustUnverifiedEmail()).isFalse();
        assertThat(oidc.toString()).as("the secret stays out of logs").doesNotContain("s3cret");
        assertThat(Config.fromEnvironment(Map.of()).oidc()).isEmpty();

        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LEADLINE_OIDC_ISSUER", "https://accounts.google.com",
                "LEADLINE_PUBLIC_URL", "https://leads.example.com")))
                .hasMessageContaining("LEADLINE_OIDC_ISSUER, LEADLINE_OIDC_CLIENT_ID, LEADLINE_OIDC_CLIENT_SECRET go together")
                .hasMessageContaining("LEADLINE_OIDC_CLIENT_ID and LEADLINE_OIDC_CLIENT_SECRET are missing");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LEADLINE_OIDC_ISSUER", "http://idp.example.com", "LEADLINE_OIDC_CLIENT_ID", "x",
                "LEADLINE_OIDC_CLIENT_SECRET", "y", "LEADLINE_OIDC_TRUST_EMAIL", "yes")))
                .hasMessageContaining("LEADLINE_OIDC_ISSUER must be the identity provider's https issuer URL")
                .hasMessageContaining("LEADLINE_PUBLIC_URL is required with LEADLINE_OIDC_ISSUER")
                .hasMessageContaining("LEADLINE_OIDC_TRUST_EMAIL must be true or false");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LEADLINE_OIDC_TRUST_EMAIL", "true")))
                .hasMessageContaining("LEADLINE_OIDC_TRUST_EMAIL is set but LEADLINE_OIDC_ISSUER is not");
        assertThat(Config.fromEnvironment(Map.of("LEADLINE_OIDC_ISSUER", "http://localhost:9000/realms/sales", "LEADLINE_OIDC_CLIENT_ID", "x",
                "LEADLINE_OIDC_CLIENT_SECRET", "y", "LEADLINE_PUBLIC_URL", "http://localhost:8080")).oidc()).as("http on this machine").isPresent();
    }

    @Test
    void metricsAndLogSettingsAreCheckedAtStart() {
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LEADLINE_METRICS_TOKEN", "short", "LEADLINE_METRICS_PORT", "8080",
                "LEADLINE_LOG_FORMAT", "xml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("LEADLINE_METRICS_TOKEN must be at least 16 characters")
                .hasMessageContaining("LEADLINE_METRICS_PORT must differ from LEADLINE_PORT (8080)")
                .hasMessageContaining("LEADLINE_LOG_FORMAT must be text or json, got 'xml'");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LEADLINE_METRICS_PORT", "ninety")))
                .hasMessageContaining("LEADLINE_METRICS_PORT must be a whole number from 1 to 65535");
        Config config = Config.fromEnvironment(Map.of("LEADLINE_METRICS_PORT", "9464", "LEADLINE_LOG_FORMAT", "JSON"));
        assertThat(config.metrics().port()).hasValue(9464);
        assertThat(config.metrics().token()).isEmpty();
    }

    @Test
    void filesStayInTheDataDirectoryUntilABucketIsSetAndItsProblemsAreNamed() {
        Config plain = Config.fromEnvironment(Map.of());
        assertThat(plain.files().s3()).isEmpty();
        assertThat(plain.files().rules().maxFileBytes()).isEqualTo(25L * 1024 * 1024);
        assertThat(plain.files().rules().allowed("application/x-msdownload")).isFalse();

        Config s3 = Config.fromEnvironment(Map.of("LEADLINE_S3_BUCKET", "leads-files", "LEADLINE_S3_ENDPOINT", "https://minio.example.com:9000",
                "LEADLINE_S3_ACCESS_KEY", "key", "LEADLINE_S3_SECRET_KEY", "secret", "LEADLINE_S3_PREFIX", "/leadline/",
                "LEADLINE_FILE_TYPES", "application/pdf, image/*", "LEADLINE_MAX_FILE_BYTES", "1048576"));
        assertThat(s3.files().s3().orElseThrow().prefix()).isEqualTo("leadline/");
        assertThat(s3.files().s3().orElseThrow().pathStyle()).isTrue();
        assertThat(s3.files().s3().orElseThrow().toString()).doesNotContain("secret");
        assertThat(s3.files().rules().allowed("image/png")).isTrue();
        assertThat(s3.files().rules().allowed("text/plain")).isFalse();

        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LEADLINE_S3_ENDPOINT", "http://minio:9000", "LEADLINE_S3_BUCKET", "Bad_Bucket",
                "LEADLINE_S3_ACCESS_KEY", "key", "LEADLINE_FILE_TYPES", "pdf", "LEADLINE_MAX_FILE_BYTES", "lots")))
                .hasMessageContaining("LEADLINE_S3_BUCKET must be a bucket name")
                .hasMessageContaining("LEADLINE_S3_ACCESS_KEY and LEADLINE_S3_SECRET_KEY go together")
                .hasMessageContaining("LEADLINE_FILE_TYPES must list content types")
                .hasMessageContaining("LEADLINE_MAX_FILE_BYTES must be a number of bytes");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("LEADLINE_S3_ENDPOINT", "http://minio:9000")))
                .hasMessageContaining("LEADLINE_S3_ENDPOINT is set but LEADLINE_S3_BUCKET is not");
    }
}
