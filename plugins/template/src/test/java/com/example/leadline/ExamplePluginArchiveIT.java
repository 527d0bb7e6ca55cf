package com.example.leadline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leadline.plugin.ActivitySummary;
import dev.leadline.plugin.testkit.PluginArchive;
import dev.leadline.plugin.testkit.TestContext;
import dev.leadline.plugin.testkit.TestLeads;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** After `mvn package`: the zip loads in a real pf4j host the way Leadline loads it, and its provider works. */
class ExamplePluginArchiveIT {
    @Test
    void theBuiltArchiveLoadsAndScores() throws Exception {
        try (PluginArchive plugin = PluginArchive.load(Path.of(System.getProperty("plugin.archive")))) {
            assertEquals("example-plugin", plugin.pluginId());
            assertEquals(1, plugin.scoringProviders().size());
            assertEquals(80, plugin.scoringProviders().get(0).score(TestLeads.lead(Map.of("title", "Head of IT")),
                    ActivitySummary.none(), TestContext.withConfig(Map.of())).value());
        }
    }
}
