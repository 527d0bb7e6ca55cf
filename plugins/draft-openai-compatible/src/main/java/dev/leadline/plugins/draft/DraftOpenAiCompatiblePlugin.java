package dev.leadline.plugins.draft;

import org.pf4j.Plugin;

/** The {@code draft-openai-compatible} plugin: one extension, {@link ChatCompletionsDrafter}. */
public final class DraftOpenAiCompatiblePlugin extends Plugin {
}
