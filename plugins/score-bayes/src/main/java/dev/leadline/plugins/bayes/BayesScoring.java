package dev.leadline.plugins.bayes;

import dev.leadline.plugin.ActivitySummary;
import dev.leadline.plugin.LeadSnapshot;
import dev.leadline.plugin.Outcome;
import dev.leadline.plugin.ProviderContext;
import dev.leadline.plugin.Score;
import dev.leadline.plugin.ScoringProvider;
import java.time.Duration;
import java.util.List;
import org.pf4j.Extension;

/**
 * Predictive scoring learned from the organisation's own decided leads (converted = won,
 * disqualified = lost) with {@link NaiveBayes}, learned again every 10 minutes (milliseconds of work
 * for 20,000 leads). Until there are at
 * least {@code minOutcomes} (default 50) of each, it abstains and says so, and the other scoring
 * providers (the rules) decide. Settings: {@code minOutcomes}, {@code maxHistory} (20000),
 * {@code reasons} (3).
 */
@Extension
public final class BayesScoring implements ScoringProvider {
    @Override
    public String id() {
        return "bayes";
    }

    @Override
    public Score score(LeadSnapshot lead, ActivitySummary activity, ProviderContext context) {
        int min = Integer.parseInt(context.config("minOutcomes").orElse("50"));
        int max = Integer.parseInt(context.config("maxHistory").orElse("20000"));
        NaiveBayes model = context.cached("model", Duration.ofMinutes(10), () -> {
            List<Outcome> history = context.outcomes(max);
            return NaiveBayes.train(history);
        });
        if (model.won < min || model.lost < min) {
            return Score.abstain("not enough history to predict yet: " + model.won + " converted and " + model.lost
                    + " disqualified leads, " + min + " of each needed");
        }
        int reasons = Integer.parseInt(context.config("reasons").orElse("3"));
        return new Score((int) Math.round(model.probability(lead) * 100), model.reasons(lead, reasons));
    }
}
