package dev.leadline.plugin.testkit;

import dev.leadline.plugin.FieldValue;
import dev.leadline.plugin.JdkHttp;
import dev.leadline.plugin.Outcome;
import dev.leadline.plugin.ProviderContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A {@link ProviderContext} for tests, behaving like the host's: the settings you give, real HTTP
 * (point the provider at a local stub), a real cache that honours its time-to-live on the given
 * clock, the decided leads you give as history, and what the provider logged and delivered late,
 * recorded for assertions.
 *
 * <pre>{@code
 * TestContext context = TestContext.withConfig(Map.of("url", stub + "/companies?domain={domain}"));
 * Enrichment found = new MyProvider().enrich(TestLeads.lead(Map.of("domain", "acme.example")), context);
 * }</pre>
 */
public final class TestContext implements ProviderContext {
    private static final JdkHttp HTTP = new JdkHttp(Duration.ofSeconds(5));

    private final Map<String, String> config;
    private final Clock clock;
    private final List<Outcome> history;
    private final Map<String, Object[]> cache = new HashMap<>();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final List<Delivered> delivered = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** Values a provider delivered through {@link #deliverLater}. */
    public record Delivered(String leadId, List<FieldValue> values) {}

    public TestContext(Map<String, String> config, Clock clock, List<Outcome> history) {
        this.config = Map.copyOf(config);
        this.clock = clock;
        this.history = List.copyOf(history);
    }

    public static TestContext withConfig(Map<String, String> config) {
        return new TestContext(config, Clock.systemUTC(), List.of());
    }

    /** A context whose {@link #outcomes} are this history (for providers that learn). */
    public static TestContext withHistory(List<Outcome> history, Map<String, String> config) {
        return new TestContext(config, Clock.systemUTC(), history);
    }

    @Override
    public Map<String, String> config() {
        return config;
    }

    @Override
    public Http http() {
        return request -> {
            requests.add(request);
            return HTTP.send(request);
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <T> T cached(String key, Duration ttl, Supplier<T> load) {
        Instant now = clock.instant();
        Object[] hit = cache.get(key);
        if (hit != null && ((Instant) hit[1]).isAfter(now)) {
            return (T) hit[0];
        }
        T value = load.get();
        cache.put(key, new Object[] {value, now.plus(ttl)});
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
                logged.add("INFO " + message);
            }

            @Override
            public void warn(String message) {
                logged.add("WARN " + message);
            }
        };
    }

    @Override
    public List<Outcome> outcomes(int max) {
        return history.subList(0, Math.min(max, history.size()));
    }

    @Override
    public void deliverLater(String leadId, List<FieldValue> values) {
        delivered.add(new Delivered(leadId, List.copyOf(values)));
    }

    /** The HTTP requests the provider sent, in order. */
    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    public List<String> logged() {
        return List.copyOf(logged);
    }

    public List<Delivered> delivered() {
        return List.copyOf(delivered);
    }
}
