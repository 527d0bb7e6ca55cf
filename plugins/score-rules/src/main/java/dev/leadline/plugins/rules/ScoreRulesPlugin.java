package dev.leadline.plugins.rules;

import org.pf4j.Plugin;

/** The {@code score-rules} plugin: one extension, {@link RuleScoring}. */
public final class ScoreRulesPlugin extends Plugin {
}
