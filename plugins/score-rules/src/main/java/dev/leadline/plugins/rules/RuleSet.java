package dev.leadline.plugins.rules;

import dev.leadline.plugin.ActivitySummary;
import dev.leadline.plugin.LeadSnapshot;
import dev.leadline.plugin.Score;
import dev.leadline.plugin.ScoreReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Rules as written in YAML: a {@code base} score, {@code fit} and {@code engagement} rules, and caps
 * ({@code maxFit}, {@code maxEngagement}); the total is kept within 0 to 100.
 */
record RuleSet(int base, List<Rule> fit, List<Rule> engagement, int maxFit, int maxEngagement) {

    @SuppressWarnings("unchecked")
    static RuleSet parse(String yaml) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(root instanceof Map)) {
            throw new IllegalArgumentException("scoring rules must be a YAML map with 'fit' and/or 'engagement' lists");
        }
        Map<String, Object> map = (Map<String, Object>) root;
        return new RuleSet(number(map, "base", 0), rules(map, "fit"), rules(map, "engagement"), number(map, "maxFit", 100),
                number(map, "maxEngagement", 100));
    }

    /**
     * The base and every rule that applied, each with its reason, adding up to the score; no score
     * (an abstention) when no rule applies, so that a lead the rules know nothing about does not get
     * the base as if it were an opinion.
     */
    Score score(LeadSnapshot lead, ActivitySummary activity, Instant now) {
        List<ScoreReason> reasons = new ArrayList<>();
        int fitPoints = apply(fit, lead, activity, now, reasons, maxFit);
        int engagementPoints = apply(engagement, lead, activity, now, reasons, maxEngagement);
        if (reasons.isEmpty()) {
            return Score.abstain("none of the scoring rules applies to this lead");
        }
        reasons.sort(Comparator.comparingInt((ScoreReason r) -> -Math.abs(r.points())));
        int total = base + fitPoints + engagementPoints;
        int score = Math.max(0, Math.min(100, total));
        if (base != 0) {
            reasons.add(new ScoreReason(base, "starting score"));
        }
        if (score != total) {
            reasons.add(new ScoreReason(score - total, "kept within 0–100"));
        }
        return new Score(score, reasons);
    }

    private static int apply(List<Rule> rules, LeadSnapshot lead, ActivitySummary activity, Instant now, List<ScoreReason> reasons, int cap) {
        int total = 0;
        for (Rule rule : rules) {
            int points = rule.points(lead, activity, now);
            if (points != 0) {
                reasons.add(new ScoreReason(points, rule.reason()));
                total += points;
            }
        }
        if (total > cap) {
            reasons.add(new ScoreReason(cap - total, "capped at " + cap));
            return cap;
        }
        return total;
    }

    @SuppressWarnings("unchecked")
    private static List<Rule> rules(Map<String, Object> map, String key) {
        Object list = map.getOrDefault(key, List.of());
        if (!(list instanceof List)) {
            throw new IllegalArgumentException("'" + key + "' must be a list of rules");
        }
        List<Rule> rules = new ArrayList<>();
        List<Object> items = (List<Object>) list;
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Map)) {
                throw new IllegalArgumentException(key + "[" + i + "]: must be a map");
            }
            rules.add(Rule.read((Map<String, Object>) items.get(i), key + "[" + i + "]"));
        }
        return List.copyOf(rules);
    }

    private static int number(Map<String, Object> map, String key, int fallback) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.intValue();
        }
        throw new IllegalArgumentException("'" + key + "' must be a whole number");
    }
}
