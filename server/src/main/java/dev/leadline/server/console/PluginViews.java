package dev.leadline.server.console;

import dev.leadline.server.plugins.PluginHost;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The Plugins page's values, in words. */
public final class PluginViews {
    private PluginViews() {}

    /** One plugin: {@code started} says whether it runs (so the page offers Disable, else Enable). */
    public record Card(String id, String version, String state, boolean started, String description, String providers, long calls,
                       long errors, String latency, String circuits, List<PluginHost.Setting> settings) {}

    static Card card(PluginHost.PluginInfo p, List<PluginHost.Setting> settings) {
        return new Card(p.id(), p.version(), p.state().toLowerCase(Locale.ROOT), "STARTED".equals(p.state()),
                p.description() == null ? "" : p.description(), p.providers().isEmpty() ? "none" : String.join(", ", p.providers()),
                p.calls(), p.errors(), p.calls() == 0 ? "no calls yet" : String.format(Locale.ROOT, "%.1f ms on average, %.1f ms at most",
                        p.avgLatencyMs(), p.maxLatencyMs()),
                circuits(p.circuits()), settings.stream().map(s -> new PluginHost.Setting(s.name(), PluginPages.shown(s.name(), s.value()),
                        s.from())).toList());
    }

    private static String circuits(Map<String, String> circuits) {
        return circuits.isEmpty() ? "none yet" : new TreeMap<>(circuits).entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()
                .toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
