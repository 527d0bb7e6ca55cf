package dev.leadline.plugin.testkit;

import dev.leadline.plugin.LeadSnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Sample leads for provider tests. */
public final class TestLeads {
    private static final AtomicInteger IDS = new AtomicInteger(1000);

    private TestLeads() {}

    /** A lead with these fields (by name: {@code email}, {@code company}, {@code custom.<name>}, ...) and no enrichment yet. */
    public static LeadSnapshot lead(Map<String, String> fields) {
        return new LeadSnapshot("L-" + IDS.incrementAndGet(), fields, Map.of(), Instant.now());
    }

    /** A lead with fields and enrichment found so far. */
    public static LeadSnapshot lead(Map<String, String> fields, Map<String, String> enrichment) {
        return new LeadSnapshot("L-" + IDS.incrementAndGet(), fields, enrichment, Instant.now());
    }
}
