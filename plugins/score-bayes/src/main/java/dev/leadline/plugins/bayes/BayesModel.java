package dev.leadline.plugins.bayes;

import dev.leadline.plugin.LeadSnapshot;
import dev.leadline.plugin.Outcome;
import dev.leadline.plugin.Score;
import dev.leadline.plugin.ScoreReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@link NaiveBayes} made honest. Naive Bayes adds up every field's evidence as if the fields were
 * independent, so correlated fields (the page views and the time on the site) count twice, and its
 * sums are far too sure of themselves. Here each field's naive Bayes evidence is an input to a
 * logistic regression that weighs the fields: the regression learns from out-of-fold evidence (five
 * folds, each judged by a naive Bayes that did not learn from it), so its probabilities are calibrated
 * (a score of 70 means about 70 % of such leads converted). The hold-out ROC AUC and Brier score come
 * from scoring each fold with weights fitted without it. A score is explained in points: a starting
 * point (a lead about whom nothing is known) and each field's share of the way from there, in
 * proportion to its weighted evidence, so that the start and the reasons add up to the score.
 */
final class BayesModel {
    private static final int FOLDS = 5;
    /** The penalty on the fields' weights: small, the weights are few and the leads many. */
    private static final double L2 = 1;
    final NaiveBayes model;
    /** The fields weighed, in the order of {@link #weights} (after the intercept). */
    private final List<String> fields;
    /** The intercept, then one weight per field of {@link #fields}. */
    private final double[] weights;
    final double holdOutAuc;
    final double brier;
    final Instant trainedAt;

    private BayesModel(NaiveBayes model, List<String> fields, double[] weights, double holdOutAuc, double brier, Instant trainedAt) {
        this.model = model;
        this.fields = fields;
        this.weights = weights;
        this.holdOutAuc = holdOutAuc;
        this.brier = brier;
        this.trainedAt = trainedAt;
    }

    static BayesModel train(List<Outcome> history, Instant at) {
        NaiveBayes full = NaiveBayes.train(history);
        List<String> fields = List.copyOf(new TreeSet<>(full.features.keySet()));
        int n = history.size();
        double[][] evidence = new double[n][];
        double[] won = new double[n];
        int[] foldOf = new int[n];
        for (int i = 0; i < n; i++) {
            won[i] = history.get(i).won() ? 1 : 0;
            foldOf[i] = fold(history.get(i));
        }
        for (int fold = 0; fold < FOLDS; fold++) {
            List<Outcome> learn = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (foldOf[i] != fold) {
                    learn.add(history.get(i));
                }
            }
            NaiveBayes partial = NaiveBayes.train(learn);
            for (int i = 0; i < n; i++) {
                if (foldOf[i] == fold) {
                    evidence[i] = partial.contributions(history.get(i).lead(), fields);
                }
            }
        }
        // each fold's leads scored by weights fitted without them: the hold-out figures
        double[] heldOut = new double[n];
        for (int fold = 0; fold < FOLDS; fold++) {
            double[] w = Logistic.fit(rows(evidence, foldOf, fold, false), rows(won, foldOf, fold), L2);
            for (int i = 0; i < n; i++) {
                if (foldOf[i] == fold) {
                    heldOut[i] = Logistic.probability(w, evidence[i]);
                }
            }
        }
        double brier = 0;
        for (int i = 0; i < n; i++) {
            brier += Math.pow(heldOut[i] - won[i], 2);
        }
        return new BayesModel(full, fields, Logistic.fit(evidence, won, L2), auc(heldOut, won), n == 0 ? 0 : brier / n, at);
    }

    private static double[][] rows(double[][] x, int[] foldOf, int fold, boolean in) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if ((foldOf[i] == fold) == in) {
                out.add(x[i]);
            }
        }
        return out.toArray(new double[0][]);
    }

    private static double[] rows(double[] y, int[] foldOf, int fold) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (foldOf[i] != fold) {
                out.add(y[i]);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The calibrated probability that the lead converts, 0 to 1. */
    double probability(LeadSnapshot lead) {
        return Logistic.probability(weights, model.contributions(lead, fields));
    }

    /**
     * The score with its reasons: the largest contributions first (at most {@code shown}), the rest
     * together, and the starting point, all in points that add up to the score.
     */
    Score score(LeadSnapshot lead, int shown) {
        double start = 100 * Logistic.sigmoid(weights[0]);
        int value = (int) Math.round(100 * probability(lead));
        int startPoints = (int) Math.round(start);
        Map<String, Double> shares = new LinkedHashMap<>();
        double total = 0;
        double[] evidence = model.contributions(lead, fields);
        for (int j = 0; j < fields.size(); j++) {
            NaiveBayes.Feature f = model.features.get(fields.get(j));
            String raw = lead.get(f.field()).orElse(null);
            double w = weights[j + 1] * evidence[j];
            if (w != 0) {
                shares.put(f.field().replaceFirst("^custom\\.", "") + " = " + f.shown(raw), w);
                total += w;
            }
        }
        Map<String, Integer> points = share(shares, total, value - startPoints);
        List<ScoreReason> reasons = new ArrayList<>();
        points.entrySet().stream().filter(e -> e.getValue() != 0)
                .sorted(Comparator.comparingInt((Map.Entry<String, Integer> e) -> -Math.abs(e.getValue())).thenComparing(Map.Entry::getKey))
                .limit(shown).forEach(e -> reasons.add(new ScoreReason(e.getValue(), e.getKey())));
        int rest = value - startPoints - reasons.stream().mapToInt(ScoreReason::points).sum();
        long others = points.values().stream().filter(p -> p != 0).count() - reasons.size();
        if (rest != 0) {
            reasons.add(new ScoreReason(rest, others > 0 ? others + " other fields" : "rounding"));
        }
        reasons.add(new ScoreReason(startPoints, "starting point: " + model.won + " of " + (model.won + model.lost)
                + " decided leads converted"));
        return new Score(value, reasons);
    }

    /**
     * {@code points} shared among the weights in proportion (same signs as the weights, since the
     * calibrated curve only rises), rounded so that they add up exactly (largest remainders).
     */
    private static Map<String, Integer> share(Map<String, Double> weights, double total, int points) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (Math.abs(total) < 1e-9 || points == 0) {
            weights.keySet().forEach(k -> out.put(k, 0));
            return out;
        }
        Map<String, Double> exact = new LinkedHashMap<>();
        weights.forEach((k, w) -> exact.put(k, points * w / total));
        int given = 0;
        for (var e : exact.entrySet()) {
            int whole = (int) (e.getValue() >= 0 ? Math.floor(e.getValue()) : Math.ceil(e.getValue()));
            out.put(e.getKey(), whole);
            given += whole;
        }
        int left = points - given;
        int step = Integer.signum(left);
        List<String> byRemainder = exact.keySet().stream()
                .sorted(Comparator.comparingDouble((String k) -> -Math.abs(exact.get(k) - out.get(k))).thenComparing(k -> k))
                .filter(k -> Math.signum(exact.get(k) - out.get(k)) == step).toList();
        for (int i = 0; left != 0 && i < byRemainder.size(); i++, left -= step) {
            out.merge(byRemainder.get(i), step, Integer::sum);
        }
        return out;
    }

    /** The fields the model learned from, by name. */
    List<String> features() {
        return List.copyOf(new TreeSet<>(model.features.keySet().stream().map(f -> f.replaceFirst("^custom\\.", "")).toList()));
    }

    /** The leads fall in folds by a hash of their id, so a lead stays in its fold as history grows. */
    private static int fold(Outcome outcome) {
        return Math.floorMod(outcome.lead().id().hashCode() * 0x9E3779B1, FOLDS);
    }

    /** The probability that a random won lead scores above a random lost one (ties count half). */
    static double auc(double[] score, double[] won) {
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble(i -> score[i]));
        double rankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j < order.length && score[order[j]] == score[order[i]]) {
                j++;
            }
            double rank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                if (won[order[k]] == 1) {
                    rankSum += rank;
                    positives++;
                }
            }
            i = j;
        }
        long negatives = order.length - positives;
        return positives == 0 || negatives == 0 ? Double.NaN : (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
