package dev.leadline.plugins.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.plugin.ActivitySummary;
import dev.leadline.plugin.Score;
import dev.leadline.plugin.testkit.PluginArchive;
import dev.leadline.plugin.testkit.TestContext;
import dev.leadline.plugin.testkit.TestLeads;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built zip in a real pf4j host: the default rules ship inside it, SnakeYAML in its lib/. */
class RuleScoringArchiveIT {
    @Test
    void theDefaultRulesShipInTheArchiveAndScoreThroughARealHost() throws Exception {
        try (PluginArchive plugin = PluginArchive.load(Path.of(System.getProperty("plugin.archive")))) {
            Score score = plugin.scoringProviders().get(0).score(TestLeads.lead(Map.of("emailType", "webmail")), ActivitySummary.none(),
                    TestContext.withConfig(Map.of()));

            assertThat(score.value()).as("40 base − 15 webmail").isEqualTo(25);
            assertThat(plugin.version()).isNotBlank();
        }
    }
}
