package dev.leadline.plugins.bayes;

import org.pf4j.Plugin;

/** The {@code score-bayes} plugin: one extension, {@link BayesScoring}. */
public final class ScoreBayesPlugin extends Plugin {
}
