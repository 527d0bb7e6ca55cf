package dev.leadline.plugins.bayes;

import dev.leadline.plugin.ActivitySummary;
import dev.leadline.plugin.LeadSnapshot;
import dev.leadline.plugin.ProviderContext;
import dev.leadline.plugin.Score;
import dev.leadline.plugin.ScoringProvider;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.pf4j.Extension;

/**
 * Predictive scoring learned from the organisation's own decided leads (converted = won,
 * disqualified = lost) with {@link NaiveBayes}, calibrated by {@link BayesModel}. The model is learned
 * again at most every {@code retrainSeconds} (15) while leads are scored, so new outcomes count within
 * seconds; when it has learned from more outcomes than before, it asks the host to score the open
 * leads again. It abstains, saying why, until there are {@code minOutcomes} (50) of each, and for a
 * lead that gives none of the fields it learned from. Settings: {@code minOutcomes},
 * {@code maxHistory} (20000), {@code reasons} (3), {@code retrainSeconds}.
 */
@Extension
public final class BayesScoring implements ScoringProvider {
    private final AtomicInteger learnedFrom = new AtomicInteger(-1);

    @Override
    public String id() {
        return "bayes";
    }

    @Override
    public Score score(LeadSnapshot lead, ActivitySummary activity, ProviderContext context) {
        int min = setting(context, "minOutcomes", 50);
        BayesModel model = model(context);
        if (model.model.won < min || model.model.lost < min) {
            return Score.abstain("not enough history to predict yet: " + model.model.won + " converted and " + model.model.lost
                    + " disqualified leads, " + min + " of each needed");
        }
        if (!model.model.hasEvidence(lead)) {
            return Score.abstain("nothing to go on: the lead gives none of the fields the model learned from ("
                    + String.join(", ", model.features().subList(0, Math.min(5, model.features().size()))) + ", ...)");
        }
        return model.score(lead, setting(context, "reasons", 3));
    }

    @Override
    public Map<String, Object> state(ProviderContext context) {
        BayesModel model = model(context);
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("outcomesLearned", model.model.won + model.model.lost);
        state.put("converted", model.model.won);
        state.put("disqualified", model.model.lost);
        state.put("minOutcomes", setting(context, "minOutcomes", 50));
        state.put("trainedAt", model.trainedAt.toString());
        state.put("featuresUsed", model.features());
        state.put("holdOutAuc", Double.isNaN(model.holdOutAuc) ? null : Math.round(model.holdOutAuc * 1000) / 1000.0);
        state.put("brierScore", Math.round(model.brier * 10000) / 10000.0);
        return state;
    }

    private BayesModel model(ProviderContext context) {
        int max = setting(context, "maxHistory", 20000);
        return context.cached("model", Duration.ofSeconds(setting(context, "retrainSeconds", 15)), () -> {
            BayesModel trained = BayesModel.train(context.outcomes(max), context.clock().instant());
            int outcomes = trained.model.won + trained.model.lost;
            if (learnedFrom.getAndSet(outcomes) != outcomes && outcomes > 0) {
                context.rescoreOpenLeads();
            }
            return trained;
        });
    }

    private static int setting(ProviderContext context, String key, int fallback) {
        return context.config(key).map(Integer::parseInt).orElse(fallback);
    }
}
