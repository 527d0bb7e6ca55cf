package dev.leadline.server.metrics;

import dev.leadline.server.plugins.PluginHost;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plugins' calls as the host counts them (calls, failures, time in calls) and each provider's
 * circuit, registered at each scrape for the plugins loaded by then (one installed later shows up at
 * the next scrape). A plugin removed since reads as zero calls and a closed circuit.
 */
public final class PluginMeters {
    private final MeterRegistry registry;
    private final PluginHost plugins;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public PluginMeters(MeterRegistry registry, PluginHost plugins) {
        this.registry = registry;
        this.plugins = plugins;
    }

    /** Registers the meters of plugins and circuits not seen before. */
    public void refresh() {
        for (PluginHost.PluginInfo plugin : plugins.plugins()) {
            String id = plugin.id();
            if (known.add("plugin:" + id)) {
                FunctionCounter.builder("leadline.plugin.calls", this, m -> m.info(id).map(PluginHost.PluginInfo::calls).orElse(0L))
                        .tag("plugin", id).description("Calls to the plugin's providers").register(registry);
                FunctionCounter.builder("leadline.plugin.errors", this, m -> m.info(id).map(PluginHost.PluginInfo::errors).orElse(0L))
                        .tag("plugin", id).description("Calls that failed, timed out or were skipped by an open circuit").register(registry);
                FunctionCounter.builder("leadline.plugin.call.time", this,
                                m -> m.info(id).map(p -> p.avgLatencyMs() * p.calls() / 1000.0).orElse(0.0))
                        .tag("plugin", id).baseUnit("seconds").description("Time spent in the plugin's calls").register(registry);
            }
            for (String circuit : plugin.circuits().keySet()) {
                if (known.add("circuit:" + circuit)) {
                    int slash = circuit.indexOf('/');
                    Gauge.builder("leadline.plugin.circuit.open", this, m -> m.circuitOpen(id, circuit))
                            .tags("plugin", id, "provider", slash < 0 ? circuit : circuit.substring(slash + 1))
                            .description("1 while the provider's circuit is open (its calls are skipped), else 0").register(registry);
                }
            }
        }
    }

    private Optional<PluginHost.PluginInfo> info(String id) {
        return plugins.plugins().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    private double circuitOpen(String id, String circuit) {
        return info(id).map(p -> "OPEN".equals(p.circuits().get(circuit)) || "FORCED_OPEN".equals(p.circuits().get(circuit)) ? 1 : 0)
                .orElse(0);
    }
}
