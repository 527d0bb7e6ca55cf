package dev.leadline.plugins.bayes;

import dev.leadline.plugin.LeadSnapshot;
import dev.leadline.plugin.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Naive Bayes over a frequency table, learned from decided leads: for every usable field, how often
 * each value occurs among won and among lost leads (Laplace-smoothed). A field is usable when it
 * looks like a category (at most {@link #MAX_CATEGORIES} distinct values) or a number (binned into
 * quintiles of the training values); names, emails and free text are left out by that rule, and so
 * is any field whose every value is different (an identifier).
 * <p>
 * Only values seen in at least {@link #MIN_SUPPORT} training leads are evidence; a rarer or unseen
 * value says nothing. A missing value ({@code Select}, empty) is evidence only where leads without
 * the field are common ({@link #MIN_MISSING_SHARE} of the training leads): then its absence says
 * something; where it is rare, a lead lacking it is simply not like the leads learned from.
 */
final class NaiveBayes {
    static final int MAX_CATEGORIES = 60;
    static final int MIN_SUPPORT = 10;
    static final double MIN_MISSING_SHARE = 0.05;
    static final String MISSING = "(not given)";
    private static final Set<String> PLACEHOLDERS = Set.of("", "select", "n/a", "na", "none", "null", "-");

    final double priorLogOdds;
    final Map<String, Feature> features;
    final int won;
    final int lost;

    private NaiveBayes(double priorLogOdds, Map<String, Feature> features, int won, int lost) {
        this.priorLogOdds = priorLogOdds;
        this.features = features;
        this.won = won;
        this.lost = lost;
    }

    /** One field's table: the log-likelihood ratio, won over lost, of each value (or bin) supported by enough leads. */
    record Feature(String field, double[] cuts, Map<String, Double> logRatio) {
        String value(String raw) {
            if (raw == null || PLACEHOLDERS.contains(raw.strip().toLowerCase(Locale.ROOT))) {
                return MISSING;
            }
            if (cuts == null) {
                return raw.strip().toLowerCase(Locale.ROOT);
            }
            try {
                double x = Double.parseDouble(raw.strip());
                int bin = 0;
                while (bin < cuts.length && x > cuts[bin]) {
                    bin++;
                }
                return label(bin);
            } catch (NumberFormatException e) {
                return MISSING;
            }
        }

        /** The value as a person reads it: the bin of a number, otherwise as written. */
        String shown(String raw) {
            String value = value(raw);
            return cuts != null || value.equals(MISSING) ? value : raw.strip();
        }

        String label(int bin) {
            if (bin == 0) {
                return "≤ " + fmt(cuts[0]);
            }
            return bin >= cuts.length ? "> " + fmt(cuts[cuts.length - 1]) : fmt(cuts[bin - 1]) + "–" + fmt(cuts[bin]);
        }

        private static String fmt(double d) {
            return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.1f", d);
        }

        /** How far the lead's value moves the log-odds; 0 for a value not supported by enough leads. */
        double contribution(String raw) {
            return logRatio.getOrDefault(value(raw), 0.0);
        }

        /** The lead gives this field a value the model learned from. */
        boolean evidence(String raw) {
            String value = value(raw);
            return !value.equals(MISSING) && logRatio.containsKey(value);
        }
    }

    static NaiveBayes train(List<Outcome> history) {
        int won = (int) history.stream().filter(Outcome::won).count();
        int lost = history.size() - won;
        Set<String> fields = new HashSet<>();
        history.forEach(o -> fields.addAll(o.lead().fields().keySet()));
        history.forEach(o -> fields.addAll(o.lead().enrichment().keySet()));
        Map<String, Feature> features = new HashMap<>();
        for (String field : fields) {
            Feature feature = feature(field, history, won, lost);
            if (feature != null) {
                features.put(field, feature);
            }
        }
        double prior = Math.log((won + 1.0) / (lost + 1.0));
        return new NaiveBayes(prior, Map.copyOf(features), won, lost);
    }

    private static Feature feature(String field, List<Outcome> history, int won, int lost) {
        List<String> raw = history.stream().map(o -> o.lead().get(field).orElse(null)).toList();
        List<Double> numbers = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        int given = 0;
        for (String r : raw) {
            if (r == null || PLACEHOLDERS.contains(r.strip().toLowerCase(Locale.ROOT))) {
                continue;
            }
            given++;
            distinct.add(r.strip().toLowerCase(Locale.ROOT));
            try {
                numbers.add(Double.parseDouble(r.strip()));
            } catch (NumberFormatException e) {
                // not a number
            }
        }
        if (given == 0 || (given > 20 && distinct.size() > 0.95 * given)) {
            return null; // nothing known, or one value per lead: an identifier, not a feature
        }
        double[] cuts = null;
        if (numbers.size() >= 0.9 * given && distinct.size() > 5) {
            double[] sorted = numbers.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            cuts = Arrays.stream(new double[] {0.2, 0.4, 0.6, 0.8}).map(q -> sorted[(int) Math.floor(q * (sorted.length - 1))])
                    .distinct().toArray();
        } else if (distinct.size() > MAX_CATEGORIES) {
            return null;
        }
        Feature shape = new Feature(field, cuts, Map.of());
        Map<String, int[]> counts = new HashMap<>();
        for (int i = 0; i < history.size(); i++) {
            int[] c = counts.computeIfAbsent(shape.value(raw.get(i)), k -> new int[2]);
            c[history.get(i).won() ? 0 : 1]++;
        }
        int missingNeeded = (int) Math.max(MIN_SUPPORT, Math.ceil(MIN_MISSING_SHARE * history.size()));
        counts.entrySet().removeIf(e -> e.getValue()[0] + e.getValue()[1] < (e.getKey().equals(MISSING) ? missingNeeded : MIN_SUPPORT));
        if (counts.keySet().stream().noneMatch(v -> !v.equals(MISSING))) {
            return null;
        }
        int k = counts.size() + 1;
        Map<String, Double> ratios = new HashMap<>();
        counts.forEach((value, c) -> ratios.put(value, Math.log((c[0] + 1.0) / (won + k)) - Math.log((c[1] + 1.0) / (lost + k))));
        return new Feature(field, cuts, Map.copyOf(ratios));
    }

    /** The lead's log-odds of being won, before calibration. */
    double logOdds(LeadSnapshot lead) {
        double logOdds = priorLogOdds;
        for (Feature f : features.values()) {
            logOdds += f.contribution(lead.get(f.field()).orElse(null));
        }
        return logOdds;
    }

    /** The lead gives at least one field a value the model learned from. */
    boolean hasEvidence(LeadSnapshot lead) {
        return features.values().stream().anyMatch(f -> f.evidence(lead.get(f.field()).orElse(null)));
    }
}
