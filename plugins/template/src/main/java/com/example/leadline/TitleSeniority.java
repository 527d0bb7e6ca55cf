package com.example.leadline;

import dev.leadline.plugin.ActivitySummary;
import dev.leadline.plugin.LeadSnapshot;
import dev.leadline.plugin.ProviderContext;
import dev.leadline.plugin.Score;
import dev.leadline.plugin.ScoreReason;
import dev.leadline.plugin.ScoringProvider;
import java.util.List;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * An example scoring provider: senior titles score higher. The setting {@code seniorTitles}
 * ({@code plugins.example-plugin.seniorTitles} in leadline.yml) is a regular expression.
 */
@Extension
public final class TitleSeniority implements ScoringProvider {
    @Override
    public String id() {
        return "seniority";
    }

    @Override
    public Score score(LeadSnapshot lead, ActivitySummary activity, ProviderContext context) {
        Pattern senior = Pattern.compile(context.config("seniorTitles").orElse(".*\\b(chief|vp|head|director|founder)\\b.*"),
                Pattern.CASE_INSENSITIVE);
        return lead.get("title").filter(t -> senior.matcher(t).matches())
                .map(t -> new Score(80, List.of(new ScoreReason(30, "senior title: " + t))))
                .orElseGet(() -> new Score(50, List.of()));
    }
}
