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
 * again, in the background, when it is older than {@code retrainSeconds} (15) and leads are scored, so
 * new outcomes count within seconds; when it has learned from more outcomes than before, it asks the
 * host to score the open leads again. It abstains, saying why, until there are {@code minOutcomes} (50) of each, and for a
 * lead that gives none of the fields it learned from. Settings: {@code minOutcomes},
 * {@code maxHistory} (20000), {@code reasons} (3), {@code retrainSeconds}.
 */
@Extension
public final class BayesScoring implements ScoringProvider {
    private static final java.util.concurrent.Executor TRAINER = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "score-bayes-learning");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger learnedFrom = new AtomicInteger(-1);
    private final java.util.concurrent.atomic.AtomicReference<BayesModel> current = new java.util.concurrent.atomic.AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicBoolean training = new java.util.concurrent.atomic.AtomicBoolean();

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

    /**
     * The model: learned on the caller's thread the first time; after that, a model older than
     * {@code retrainSeconds} is learned again on a background thread while the current one keeps
     * answering, so a scoring call never waits for learning (which takes seconds for 20,000 leads).
     */
    private BayesModel model(ProviderContext context) {
        BayesModel now = current.get();
        if (now == null) {
            synchronized (this) {
                if (current.get() == null) {
                    current.set(train(context));
                }
                return current.get();
            }
        }
        Duration every = Duration.ofSeconds(setting(context, "retrainSeconds", 15));
        if (now.trainedAt.plus(every).isBefore(context.clock().instant()) && training.compareAndSet(false, true)) {
            TRAINER.execute(() -> {
                try {
                    current.set(train(context));
                } catch (RuntimeException e) {
                    context.log().warn("score-bayes could not learn again, keeps its model of " + now.trainedAt + ": " + e);
                } finally {
                    training.set(false);
                }
            });
        }
        return now;
    }

    private BayesModel train(ProviderContext context) {
        BayesModel trained = BayesModel.train(context.outcomes(setting(context, "maxHistory", 20000)), context.clock().instant());
        int outcomes = trained.model.won + trained.model.lost;
        if (learnedFrom.getAndSet(outcomes) != outcomes && outcomes > 0) {
            context.rescoreOpenLeads();
        }
        return trained;
    }

    private static int setting(ProviderContext context, String key, int fallback) {
        return context.config(key).map(Integer::parseInt).orElse(fallback);
    }
}
