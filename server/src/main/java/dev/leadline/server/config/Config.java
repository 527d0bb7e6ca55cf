package dev.leadline.server.config;

import dev.leadline.server.plugins.PluginLimits;
import dev.leadline.mattermost.MattermostSettings;
import dev.leadline.slack.SlackSettings;
import dev.leadline.teams.TeamsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the server reads from its environment, read once at start-up and validated. Every
 * problem names the variable it concerns.
 */
public record Config(
        int port,
        Optional<ExternalDb> externalDb,
        Path dataDir,
        Path pluginsDir,
        Optional<String> bootstrapToken,
        Path configFile,
        long maxJsonBytes,
        long maxImportBytes,
        long syncImportBytes,
        int formSubmissionsPerMinute,
        TrustedProxies trustedProxies,
        int dbPoolSize,
        int embeddedDbMemoryMb,
        Optional<SlackSettings> slack,
        Optional<TeamsSettings> teams,
        Optional<MattermostSettings> mattermost,
        Duration providerTimeout,
        Map<String, String> pluginEnv,
        PluginLimits pluginLimits) {

    /** An external MariaDB; without one the server runs its own embedded MariaDB. */
    public record ExternalDb(String url, String user, String password) {}

    public static Config fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Reader r = new Reader(env, problems);
        int port = r.integer("LEADLINE_PORT", 8080, 0, 65535);
        Optional<ExternalDb> db = r.optional("LEADLINE_DB_URL").map(url -> {
            if (!url.startsWith("jdbc:mariadb:") && !url.startsWith("jdbc:mysql:")) {
                problems.add("LEADLINE_DB_URL must be a MariaDB JDBC URL like jdbc:mariadb://db.example:3306/leadline, got '" + url + "'");
            }
            String user = r.optional("LEADLINE_DB_USER").orElseGet(() -> {
                problems.add("LEADLINE_DB_USER is required when LEADLINE_DB_URL is set");
                return "";
            });
            return new ExternalDb(url, user, r.optional("LEADLINE_DB_PASSWORD").orElse(""));
        });
        if (db.isEmpty() && (env.containsKey("LEADLINE_DB_USER") || env.containsKey("LEADLINE_DB_PASSWORD"))) {
            problems.add("LEADLINE_DB_USER/LEADLINE_DB_PASSWORD are set but LEADLINE_DB_URL is not; set it, or unset them to use the embedded database");
        }
        Path dataDir = Path.of(r.optional("LEADLINE_DATA_DIR").orElse("./data"));
        // under the data directory by default: never the folder the server happens to be started in (a source tree, say)
        Path pluginsDir = r.optional("LEADLINE_PLUGINS_DIR").map(Path::of).orElse(dataDir.resolve("plugins"));
        Optional<String> bootstrap = r.optional("LEADLINE_BOOTSTRAP_TOKEN");
        bootstrap.filter(t -> t.length() < 16)
                .ifPresent(t -> problems.add("LEADLINE_BOOTSTRAP_TOKEN must be at least 16 characters"));
        Path configFile = configFile(env);
        long maxJson = r.integer("LEADLINE_MAX_JSON_BYTES", 1_048_576, 1024, Integer.MAX_VALUE);
        long maxImport = r.integer("LEADLINE_MAX_IMPORT_BYTES", 512 * 1_048_576, 1024, Integer.MAX_VALUE);
        long syncImport = r.integer("LEADLINE_SYNC_IMPORT_BYTES", 16 * 1_048_576, 0, Integer.MAX_VALUE);
        int formRate = r.integer("LEADLINE_FORM_RATE_PER_MINUTE", 20, 1, 100_000);
        int pool = r.integer("LEADLINE_DB_POOL_SIZE", 16, 2, 200);
        int dbMemory = r.integer("LEADLINE_DB_MEMORY_MB", 256, 32, 262_144);
        TrustedProxies trustedProxies = trustedProxies(r, problems);
        Optional<String> slackToken = r.optional("SLACK_BOT_TOKEN");
        Optional<String> slackSecret = r.optional("SLACK_SIGNING_SECRET");
        Optional<String> slackAppToken = r.optional("SLACK_APP_TOKEN");
        if (slackToken.isPresent() && slackSecret.isEmpty() && slackAppToken.isEmpty()) {
            problems.add("SLACK_BOT_TOKEN needs SLACK_SIGNING_SECRET (Basic Information → App Credentials), or SLACK_APP_TOKEN for Socket Mode");
        }
        if (slackToken.isEmpty() && env.get("SLACK_CLIENT_ID") == null && (slackSecret.isPresent() || slackAppToken.isPresent())) {
            problems.add("SLACK_BOT_TOKEN is required with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN (OAuth & Permissions → Bot User OAuth Token, xoxb-...)");
        }
        slackAppToken.filter(t -> !t.startsWith("xapp-"))
                .ifPresent(t -> problems.add("SLACK_APP_TOKEN must be an app-level token starting with xapp- (Basic Information → App-Level Tokens)"));
        Optional<String> apiUrl = r.optional("SLACK_API_URL");
        Optional<SlackSettings> slack = slackToken.filter(t -> slackSecret.isPresent() || slackAppToken.isPresent())
                .map(token -> SlackSettings.singleWorkspace(token, slackSecret.orElse(null), slackAppToken.orElse(null), apiUrl.orElse(null)));
        Optional<String> clientId = r.optional("SLACK_CLIENT_ID");
        Optional<String> clientSecret = r.optional("SLACK_CLIENT_SECRET");
        if (clientId.isPresent() || clientSecret.isPresent()) {
            if (slackToken.isPresent()) {
                problems.add("set either SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID/SLACK_CLIENT_SECRET (install in many), not both");
            } else if (clientId.isEmpty() || clientSecret.isEmpty() || slackSecret.isEmpty()) {
                problems.add("installing in many workspaces needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET (Basic Information)");
            } else {
                slack = Optional.of(new SlackSettings(null, slackSecret.get(), slackAppToken.orElse(null), clientId.get(), clientSecret.get(),
                        r.optional("SLACK_REDIRECT_URI").orElse(null), apiUrl.orElse(null)));
            }
        }
        Optional<TeamsSettings> teams = teams(r, problems);
        Optional<MattermostSettings> mattermost = mattermost(r, problems);
        Duration providerTimeout = Duration.ofMillis(r.integer("LEADLINE_PROVIDER_TIMEOUT_MS", 2000, 50, 60_000));
        PluginLimits pluginLimits = new PluginLimits(r.integer("LEADLINE_MAX_PLUGIN_BYTES", 50 * 1_048_576, 1024, Integer.MAX_VALUE),
                r.integer("LEADLINE_MAX_PLUGIN_EXPANDED_BYTES", 200 * 1_048_576, 1024, Integer.MAX_VALUE),
                r.integer("LEADLINE_MAX_PLUGIN_ENTRIES", 10_000, 1, 1_000_000));
        Map<String, String> pluginEnv = new java.util.TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("LEADLINE_PLUGIN_")) {
                pluginEnv.put(name, value);
            }
        });
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Config(port, db, dataDir, pluginsDir, bootstrap, configFile, maxJson, maxImport, syncImport, formRate, trustedProxies,
                pool, dbMemory, slack, teams, mattermost, providerTimeout, Map.copyOf(pluginEnv), pluginLimits);
    }

    /** LEADLINE_CONFIG, or leadline.yml in the working directory. */
    public static Path configFile(Map<String, String> env) {
        return Path.of(new Reader(env, new ArrayList<>()).optional("LEADLINE_CONFIG").orElse("./leadline.yml"));
    }

    /** LEADLINE_TRUSTED_PROXIES; the LEADLINE_TRUST_PROXY it replaces believed the leftmost address anyone could write. */
    private static TrustedProxies trustedProxies(Reader r, List<String> problems) {
        Optional<String> blocks = r.optional("LEADLINE_TRUSTED_PROXIES");
        if (r.flag("LEADLINE_TRUST_PROXY", false) && blocks.isEmpty()) {
            problems.add("LEADLINE_TRUST_PROXY is replaced by LEADLINE_TRUSTED_PROXIES: set it to your proxies' addresses "
                    + "as CIDR blocks, e.g. 10.0.0.0/8,192.168.1.5, and unset LEADLINE_TRUST_PROXY");
        }
        try {
            return blocks.map(TrustedProxies::parse).orElse(TrustedProxies.NONE);
        } catch (IllegalArgumentException e) {
            problems.add("LEADLINE_TRUSTED_PROXIES must be comma-separated CIDR blocks or addresses like 10.0.0.0/8,::1: " + e.getMessage());
            return TrustedProxies.NONE;
        }
    }

    private static final String GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /**
     * Teams, when its app is registered: TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID together
     * (Azure Bot, single tenant), or TEAMS_AUTH_DISABLED=true for the Agents Playground on one's own machine.
     */
    private static Optional<MattermostSettings> mattermost(Reader r, List<String> problems) {
        Optional<String> url = r.optional("MATTERMOST_URL");
        Optional<String> token = r.optional("MATTERMOST_BOT_TOKEN");
        Optional<String> commandTokens = r.optional("MATTERMOST_COMMAND_TOKENS");
        Optional<String> callback = r.optional("MATTERMOST_CALLBACK_URL");
        if (url.isEmpty() && token.isEmpty() && commandTokens.isEmpty() && callback.isEmpty()) {
            return Optional.empty();
        }
        List<String> missing = java.util.stream.Stream.of(url.isEmpty() ? "MATTERMOST_URL" : null, token.isEmpty() ? "MATTERMOST_BOT_TOKEN" : null,
                commandTokens.isEmpty() ? "MATTERMOST_COMMAND_TOKENS" : null, callback.isEmpty() ? "MATTERMOST_CALLBACK_URL" : null)
                .filter(java.util.Objects::nonNull).toList();
        if (!missing.isEmpty()) {
            problems.add("Mattermost needs MATTERMOST_URL, MATTERMOST_BOT_TOKEN, MATTERMOST_COMMAND_TOKENS and MATTERMOST_CALLBACK_URL "
                    + "together; missing: " + String.join(", ", missing));
            return Optional.empty();
        }
        for (var u : List.of(Map.entry("MATTERMOST_URL", url.get()), Map.entry("MATTERMOST_CALLBACK_URL", callback.get()))) {
            if (!u.getValue().startsWith("https://") && !u.getValue().startsWith("http://")) {
                problems.add(u.getKey() + " must be an http(s) URL, got '" + u.getValue() + "'");
                return Optional.empty();
            }
        }
        java.util.Set<String> tokens = java.util.Arrays.stream(commandTokens.get().split(",")).map(String::strip).filter(t -> !t.isEmpty())
                .collect(java.util.stream.Collectors.toSet());
        return Optional.of(new MattermostSettings(url.get(), token.get(), tokens, callback.get()));
    }

    private static Optional<TeamsSettings> teams(Reader r, List<String> problems) {
        Optional<String> appId = r.optional("TEAMS_APP_ID");
        Optional<String> password = r.optional("TEAMS_APP_PASSWORD");
        Optional<String> tenant = r.optional("TEAMS_TENANT_ID");
        boolean authDisabled = r.flag("TEAMS_AUTH_DISABLED", false);
        Optional<String> metadata = r.optional("TEAMS_OPENID_METADATA_URL");
        Optional<String> login = r.optional("TEAMS_LOGIN_URL");
        appId.filter(id -> !id.matches(GUID)).ifPresent(id -> problems.add(
                "TEAMS_APP_ID must be the Azure Bot's Microsoft App ID, a GUID like 00000000-0000-0000-0000-000000000000, got '" + id + "'"));
        tenant.filter(id -> !id.matches(GUID)).ifPresent(id -> problems.add(
                "TEAMS_TENANT_ID must be your Microsoft Entra tenant id, a GUID, got '" + id + "'"));
        for (var url : List.of(Map.entry("TEAMS_OPENID_METADATA_URL", metadata), Map.entry("TEAMS_LOGIN_URL", login))) {
            url.getValue().filter(u -> !u.startsWith("https://") && !u.startsWith("http://"))
                    .ifPresent(u -> problems.add(url.getKey() + " must be an http(s) URL, got '" + u + "'"));
        }
        if (authDisabled) {
            return Optional.of(new TeamsSettings(appId.orElse(null), password.orElse(null), tenant.orElse(null), metadata.orElse(null),
                    login.orElse(null), true));
        }
        if (appId.isEmpty() && password.isEmpty() && tenant.isEmpty()) {
            return Optional.empty();
        }
        if (appId.isEmpty() || password.isEmpty() || tenant.isEmpty()) {
            problems.add("Teams needs TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID together (Azure Bot → Configuration: "
                    + "Microsoft App ID, a client secret, and the app's tenant); missing: "
                    + String.join(", ", java.util.stream.Stream.of(appId.isEmpty() ? "TEAMS_APP_ID" : null,
                            password.isEmpty() ? "TEAMS_APP_PASSWORD" : null, tenant.isEmpty() ? "TEAMS_TENANT_ID" : null)
                    .filter(java.util.Objects::nonNull).toList()));
            return Optional.empty();
        }
        return Optional.of(new TeamsSettings(appId.get(), password.get(), tenant.get(), metadata.orElse(null), login.orElse(null), false));
    }

    private record Reader(Map<String, String> env, List<String> problems) {
        Optional<String> optional(String name) {
            return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
        }

        boolean flag(String name, boolean fallback) {
            Optional<String> raw = optional(name);
            if (raw.isEmpty()) {
                return fallback;
            }
            if (raw.get().equalsIgnoreCase("true") || raw.get().equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(raw.get());
            }
            problems.add(name + " must be true or false, got '" + raw.get() + "'");
            return fallback;
        }

        int integer(String name, int fallback, int min, int max) {
            Optional<String> raw = optional(name);
            if (raw.isEmpty()) {
                return fallback;
            }
            try {
                int value = Integer.parseInt(raw.get());
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problems.add(name + " must be a whole number from " + min + " to " + max + ", got '" + raw.get() + "'");
            return fallback;
        }
    }
}
