package dev.leadline.server.config;

import dev.leadline.server.chat.ChatEnvironment;
import dev.leadline.server.chat.ChatPlatform;
import dev.leadline.server.chat.ChatPlatforms;
import dev.leadline.server.plugins.PluginLimits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the server reads from its environment, read once at start-up and validated. Every
 * problem names the variable it concerns. Each chat platform reads its own section ({@link ChatPlatforms#read}).
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
        List<ChatPlatform.Setup<?>> chat,
        Duration providerTimeout,
        Map<String, String> pluginEnv,
        PluginLimits pluginLimits,
        Optional<URI> publicUrl,
        Optional<OidcSettings> oidc,
        MetricsSettings metrics,
        MailSettings mail,
        FileSettings files,
        CalendarSettings calendars,
        IntegrationSettings integrations) {

    /**
     * Where Prometheus reads {@code /metrics}: on the API's port with {@code token} (or an admin API
     * token), and, with {@code port}, also on a port of its own without one (firewall it).
     */
    public record MetricsSettings(Optional<Integer> port, Optional<String> token) {}

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
        List<ChatPlatform.Setup<?>> chat = ChatPlatforms.read(r);
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
        Optional<URI> publicUrl = publicUrl(r, problems);
        Optional<OidcSettings> oidc = OidcSettings.read(r, publicUrl);
        MailSettings mail = MailSettings.read(r);
        FileSettings files = FileSettings.read(r);
        CalendarSettings calendars = CalendarSettings.read(r);
        IntegrationSettings integrations = IntegrationSettings.read(r);
        MetricsSettings metrics = new MetricsSettings(r.optional("LEADLINE_METRICS_PORT").map(v -> r.integer("LEADLINE_METRICS_PORT", 0, 1, 65535)),
                r.optional("LEADLINE_METRICS_TOKEN"));
        metrics.token().filter(t -> t.length() < 16).ifPresent(t -> problems.add("LEADLINE_METRICS_TOKEN must be at least 16 characters"));
        metrics.port().filter(p -> p == port).ifPresent(p -> problems.add("LEADLINE_METRICS_PORT must differ from LEADLINE_PORT (" + port + ")"));
        LogFormat.read(r.optional("LEADLINE_LOG_FORMAT")).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Config(port, db, dataDir, pluginsDir, bootstrap, configFile, maxJson, maxImport, syncImport, formRate, trustedProxies,
                pool, dbMemory, chat, providerTimeout, Map.copyOf(pluginEnv), pluginLimits, publicUrl, oidc, metrics, mail, files, calendars,
                integrations);
    }

    /** Where people reach this server (links in chat and from the CLI): LEADLINE_PUBLIC_URL, else this machine's port. */
    public URI consoleBase() {
        return publicUrl.orElseGet(() -> URI.create("http://localhost:" + port));
    }

    /** LEADLINE_PUBLIC_URL: an absolute http(s) URL, without a query; a trailing slash is dropped. */
    private static Optional<URI> publicUrl(Reader r, List<String> problems) {
        return r.optional("LEADLINE_PUBLIC_URL").flatMap(raw -> {
            try {
                URI uri = new URI(raw.replaceAll("/+$", ""));
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                        && uri.getQuery() == null && uri.getFragment() == null) {
                    return Optional.of(uri);
                }
            } catch (java.net.URISyntaxException e) {
                // reported below
            }
            problems.add("LEADLINE_PUBLIC_URL must be an http or https URL like https://leads.example.com, got '" + raw + "'");
            return Optional.empty();
        });
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

    private record Reader(Map<String, String> env, List<String> problems) implements ChatEnvironment {
        @Override
        public Optional<String> optional(String name) {
            return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
        }

        @Override
        public boolean flag(String name, boolean fallback) {
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

        @Override
        public void problem(String message) {
            problems.add(message);
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
