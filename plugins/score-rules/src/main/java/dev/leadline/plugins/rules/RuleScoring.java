package dev.leadline.plugins.rules;

import dev.leadline.plugin.ActivitySummary;
import dev.leadline.plugin.LeadSnapshot;
import dev.leadline.plugin.ProviderContext;
import dev.leadline.plugin.Score;
import dev.leadline.plugin.ScoringProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.pf4j.Extension;

/**
 * Scores leads by YAML rules: the file named by the plugin setting {@code rules}
 * ({@code plugins.score-rules.rules} in leadline.yml, or {@code LEADLINE_PLUGIN_SCORE_RULES_RULES}),
 * else the rules shipped with the plugin ({@code default-rules.yml}). The file is read again at most
 * once a minute, so edits apply without a restart.
 */
@Extension
public final class RuleScoring implements ScoringProvider {
    @Override
    public String id() {
        return "rules";
    }

    @Override
    public Score score(LeadSnapshot lead, ActivitySummary activity, ProviderContext context) {
        String source = context.config("rules").orElse("");
        RuleSet rules = context.cached("rules:" + source, Duration.ofMinutes(1), () -> RuleSet.parse(read(source)));
        return rules.score(lead, activity, context.clock().instant());
    }

    private static String read(String path) {
        try {
            if (!path.isEmpty()) {
                return Files.readString(Path.of(path), StandardCharsets.UTF_8);
            }
            try (InputStream in = RuleScoring.class.getResourceAsStream("/default-rules.yml")) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scoring rules " + path + ": " + e.getMessage(), e);
        }
    }
}
