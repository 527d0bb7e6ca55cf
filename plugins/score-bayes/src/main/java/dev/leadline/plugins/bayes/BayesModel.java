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
 * {@link NaiveBayes} made honest: its raw log-odds are calibrated with Platt scaling fitted on
 * out-of-fold scores (five folds, each scored by a model that did not learn from it), so a score of
 * 70 means about 70 % of such leads converted. The same out-of-fold scores give the hold-out ROC AUC
 * and Brier score. A score is explained in points: a starting point (a lead about whom nothing is
 * known) and each field's share of the way from there, in proportion to its weight of evidence, so
 * that the start and the reasons add up to the score.
 */
final class BayesModel {
    private static final int FOLDS = 5;
    final NaiveBayes model;
    final double slope;
    final double intercept;
    final double holdOutAuc;
    final double brier;
    final Instant trainedAt;

    private BayesModel(NaiveBayes model, double slope, double intercept, double holdOutAuc, double brier, Instant trainedAt) {
        this.model = model;
        this.slope = slope;
        this.intercept = intercept;
        this.holdOutAuc = holdOutAuc;
        this.brier = brier;
        this.trainedAt = trainedAt;
    }

    static BayesModel train(List<Outcome> history, Instant at) {
        double[] raw = new double[history.size()];
        double[] won = new double[history.size()];
        for (int fold = 0; fold < FOLDS; fold++) {
            List<Outcome> learn = new ArrayList<>();
            List<Integer> held = new ArrayList<>();
            for (int i = 0; i < history.size(); i++) {
                if (fold(history.get(i)) == fold) {
                    held.add(i);
                } else {
                    learn.add(history.get(i));
                }
            }
            NaiveBayes partial = NaiveBayes.train(learn);
            held.forEach(i -> raw[i] = partial.logOdds(history.get(i).lead()));
        }
        for (int i = 0; i < history.size(); i++) {
            won[i] = history.get(i).won() ? 1 : 0;
        }
        double[] platt = platt(raw, won);
        double brier = 0;
        for (int i = 0; i < raw.length; i++) {
            brier += Math.pow(sigmoid(platt[0] * raw[i] + platt[1]) - won[i], 2);
        }
        return new BayesModel(NaiveBayes.train(history), platt[0], platt[1], auc(raw, won), raw.length == 0 ? 0 : brier / raw.length, at);
    }

    /** The calibrated probability that the lead converts, 0 to 1. */
    double probability(LeadSnapshot lead) {
        return sigmoid(slope * model.logOdds(lead) + intercept);
    }

    /**
     * The score with its reasons: the largest contributions first (at most {@code shown}), the rest
     * together, and the starting point, all in points that add up to the score.
     */
    Score score(LeadSnapshot lead, int shown) {
        double start = 100 * sigmoid(slope * model.priorLogOdds + intercept);
        int value = (int) Math.round(100 * probability(lead));
        int startPoints = (int) Math.round(start);
        Map<String, Double> weights = new LinkedHashMap<>();
        double total = 0;
        for (NaiveBayes.Feature f : model.features.values()) {
            String raw = lead.get(f.field()).orElse(null);
            double w = f.contribution(raw);
            if (w != 0) {
                weights.put(f.field().replaceFirst("^custom\\.", "") + " = " + f.shown(raw), w);
                total += w;
            }
        }
        Map<String, Integer> points = share(weights, total, value - startPoints);
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

    /**
     * Platt scaling as Lin, Lin and Weng made it robust (Newton's method with a backtracking line
     * search, Platt's smoothed targets): the slope and intercept of P(won) = σ(slope · score + intercept).
     */
    static double[] platt(double[] score, double[] won) {
        double positives = 0;
        for (double w : won) {
            positives += w;
        }
        double negatives = won.length - positives;
        double hi = (positives + 1) / (positives + 2);
        double lo = 1 / (negatives + 2);
        double[] t = new double[won.length];
        for (int i = 0; i < won.length; i++) {
            t[i] = won[i] == 1 ? hi : lo;
        }
        double a = 0;
        double b = Math.log((negatives + 1) / (positives + 1));
        double loss = loss(score, t, a, b);
        for (int iteration = 0; iteration < 100; iteration++) {
            double h11 = 1e-12;
            double h22 = 1e-12;
            double h21 = 0;
            double g1 = 0;
            double g2 = 0;
            for (int i = 0; i < score.length; i++) {
                double f = score[i] * a + b;
                double p = f >= 0 ? Math.exp(-f) / (1 + Math.exp(-f)) : 1 / (1 + Math.exp(f));
                double q = 1 - p;
                h11 += score[i] * score[i] * p * q;
                h22 += p * q;
                h21 += score[i] * p * q;
                g1 += score[i] * (t[i] - p);
                g2 += t[i] - p;
            }
            if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) {
                break;
            }
            double det = h11 * h22 - h21 * h21;
            double da = -(h22 * g1 - h21 * g2) / det;
            double db = -(-h21 * g1 + h11 * g2) / det;
            double slopeOfLoss = g1 * da + g2 * db;
            double step = 1;
            while (step >= 1e-10) {
                double tried = loss(score, t, a + step * da, b + step * db);
                if (tried < loss + 1e-4 * step * slopeOfLoss) {
                    a += step * da;
                    b += step * db;
                    loss = tried;
                    break;
                }
                step /= 2;
            }
            if (step < 1e-10) {
                break;
            }
        }
        return new double[] {-a, -b}; // Lin et al. fit P = 1 / (1 + exp(a·score + b))
    }

    private static double loss(double[] score, double[] t, double a, double b) {
        double loss = 0;
        for (int i = 0; i < score.length; i++) {
            double f = score[i] * a + b;
            loss += f >= 0 ? t[i] * f + Math.log1p(Math.exp(-f)) : (t[i] - 1) * f + Math.log1p(Math.exp(f));
        }
        return loss;
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

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
