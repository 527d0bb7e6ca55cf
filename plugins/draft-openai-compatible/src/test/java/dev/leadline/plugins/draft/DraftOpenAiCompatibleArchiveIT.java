package dev.leadline.plugins.draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadline.plugin.Draft;
import dev.leadline.plugin.MessageDrafter;
import dev.leadline.plugin.testkit.PluginArchive;
import dev.leadline.plugin.testkit.TestContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built zip, loaded in a real pf4j host: its descriptor (SPI 1.3.0), extension index and Jackson in lib/, drafting against the stub. */
class DraftOpenAiCompatibleArchiveIT {
    @Test
    void theArchiveLoadsAndItsDrafterDraftsFromTheApi() throws Exception {
        try (ChatCompletionsStub api = new ChatCompletionsStub().answering("```json\n" + ChatCompletionsDrafterTest.ANSWER + "\n```");
             PluginArchive plugin = PluginArchive.load(Path.of(System.getProperty("plugin.archive")))) {
            assertThat(plugin.pluginId()).isEqualTo("draft-openai-compatible");
            assertThat(plugin.enrichmentProviders()).isEmpty();
            assertThat(plugin.scoringProviders()).isEmpty();
            assertThat(plugin.messageDrafters()).hasSize(1);
            MessageDrafter drafter = plugin.messageDrafters().get(0);
            assertThat(drafter.id()).isEqualTo("openai-compatible");
            assertThat(drafter.getClass().getClassLoader()).as("the plugin's own class loader").isNotSameAs(getClass().getClassLoader());

            Draft draft = drafter.draft(ChatCompletionsDrafterTest.request(),
                    TestContext.withConfig(Map.of("url", api.baseUrl(), "model", "llama3.1:8b", "apiKey", "sk-test-123")));

            assertThat(draft.subject()).isEqualTo("Acme's pilot: a 20-minute walkthrough?");
            assertThat(draft.body()).endsWith("Best,\nOmar Haddad");
            assertThat(api.seen()).singleElement().satisfies(seen -> {
                assertThat(seen.headers()).containsEntry("authorization", "Bearer sk-test-123");
                assertThat(seen.body().path("model").asText()).isEqualTo("llama3.1:8b");
                assertThat(seen.body().path("messages").path(1).path("content").asText()).contains("- company: Acme Robotics");
            });

            assertThatThrownBy(() -> drafter.draft(ChatCompletionsDrafterTest.request(), TestContext.withConfig(Map.of())))
                    .hasMessageStartingWith("set plugins.draft-openai-compatible.url");
        }
    }
}
