package dev.leadline.server.plugins;

import dev.leadline.plugin.FieldValue;
import dev.leadline.plugin.JdkHttp;
import dev.leadline.plugin.Outcome;
import dev.leadline.plugin.ProviderContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a plugin gets from the host: its settings ({@code plugins.<id>} in leadline.yml, then
 * {@code LEADLINE_PLUGIN_<ID>_<KEY>} from the environment, {@code DEFAULT_REGION} meaning
 * {@code defaultRegion}), HTTP with a 5 s timeout and at most {@code rateLimitPerSecond} requests a
 * second (10 by default), a cache, the clock, a log, and late delivery.
 */
final class PluginContext implements ProviderContext {
    private static final JdkHttp HTTP = new JdkHttp(Duration.ofSeconds(5));

    private final String pluginId;
    private final Map<String, String> config;
    private final Clock clock;
    private final Logger logger;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final HostServices host;
    private final long minGapNanos;
    private long nextRequestAt;

    /** What plugins reach in the host: late delivery of values, the decided leads to learn from, and re-scoring. */
    public interface HostServices {
        void deliver(String pluginId, String leadId, List<FieldValue> values);

        List<Outcome> outcomes(int max);

        void rescoreOpenLeads();
    }

    private record Cached(Object value, Instant expires) {}

    PluginContext(String pluginId, Map<String, String> fileConfig, Map<String, String> env, Clock clock, HostServices host) {
        this.pluginId = pluginId;
        this.config = settings(pluginId, fileConfig, env);
        this.clock = clock;
        this.host = host;
        this.logger = LoggerFactory.getLogger("plugin." + pluginId);
        double rate = Double.parseDouble(config.getOrDefault("rateLimitPerSecond", "10"));
        this.minGapNanos = rate <= 0 ? 0 : (long) (1_000_000_000L / rate);
    }

    static Map<String, String> settings(String pluginId, Map<String, String> fileConfig, Map<String, String> env) {
        Map<String, String> merged = new LinkedHashMap<>(fileConfig);
        String prefix = "LEADLINE_PLUGIN_" + pluginId.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_";
        env.forEach((name, value) -> {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                merged.put(camel(name.substring(prefix.length())), value);
            }
        });
        return Map.copyOf(merged);
    }

    private static String camel(String upperSnake) {
        StringBuilder out = new StringBuilder();
        for (String part : upperSnake.toLowerCase(Locale.ROOT).split("_+")) {
            out.append(out.length() == 0 || part.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return out.toString();
    }

    @Override
    public Map<String, String> config() {
        return config;
    }

    @Override
    public Http http() {
        return request -> {
            pace();
            return HTTP.send(request);
        };
    }

    /** Waits for this plugin's next request slot. */
    private void pace() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(now, nextRequestAt);
            nextRequestAt = slot + minGapNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T cached(String key, Duration ttl, Supplier<T> load) {
        Instant now = clock.instant();
        Cached hit = cache.get(key);
        if (hit != null && hit.expires().isAfter(now)) {
            return (T) hit.value();
        }
        T value = load.get();
        cache.put(key, new Cached(value, now.plus(ttl)));
        return value;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Log log() {
        return new Log() {
            @Override
            public void info(String message) {
                logger.info(message);
            }

            @Override
            public void warn(String message) {
                logger.warn(message);
            }
        };
    }

    @Override
    public void deliverLater(String leadId, List<FieldValue> values) {
        host.deliver(pluginId, leadId, List.copyOf(values));
    }

    @Override
    public List<Outcome> outcomes(int max) {
        return host.outcomes(max);
    }

    @Override
    public void rescoreOpenLeads() {
        host.rescoreOpenLeads();
    }

}
