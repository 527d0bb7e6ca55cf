package dev.leadline.core.dedupe;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The installation's duplicate rules, in order (at a checkpoint, the first rule whose best look-alike
 * scores at or above its threshold decides), and the fields it names as {@link Identifiers}.
 */
public record DuplicatePolicy(List<DuplicateRule> rules, Identifiers identifiers) {
    /**
     * Out of the box: an import skips a row whose lead is already stored (the same mailbox: only that
     * scores 1); leads created by the API, forms and imports are stored and flagged when they
     * look like a stored lead; a conversion uses the existing contact rather than creating a second.
     */
    public static final DuplicatePolicy DEFAULT = withIntakeAction(DuplicateAction.FLAG);

    public DuplicatePolicy {
        rules = List.copyOf(rules);
    }

    /** The default rules with {@code action} for look-alikes at the API and on forms. */
    public static DuplicatePolicy withIntakeAction(DuplicateAction action) {
        return new DuplicatePolicy(List.of(
                new DuplicateRule("same-lead-on-import", DuplicateRule.Against.LEADS, Set.of(Checkpoint.IMPORT), DuplicateAction.BLOCK, 1.0),
                new DuplicateRule("same-person", DuplicateRule.Against.LEADS, Set.of(Checkpoint.API, Checkpoint.FORM), action, LeadMatcher.THRESHOLD),
                new DuplicateRule("same-person-on-import", DuplicateRule.Against.LEADS, Set.of(Checkpoint.IMPORT), DuplicateAction.FLAG,
                        LeadMatcher.THRESHOLD),
                new DuplicateRule("existing-contact", DuplicateRule.Against.CONTACTS, Set.of(Checkpoint.CONVERSION), DuplicateAction.MERGE,
                        LeadMatcher.THRESHOLD)), Identifiers.NONE);
    }

    /** These rules with these identifiers. */
    public DuplicatePolicy identifiedBy(Identifiers fields) {
        return new DuplicatePolicy(rules, fields);
    }

    /** Whether any rule at this checkpoint compares with these records (so they need looking up). */
    public boolean looksAt(Checkpoint checkpoint, DuplicateRule.Against against) {
        return rules.stream().anyMatch(r -> r.appliesAt(checkpoint) && r.against() == against && r.action() != DuplicateAction.ALLOW);
    }

    /** The checkpoints where any rule looks at anything. */
    public Set<Checkpoint> checkpoints() {
        Set<Checkpoint> points = EnumSet.noneOf(Checkpoint.class);
        rules.forEach(r -> points.addAll(r.at()));
        return points;
    }

    /** The first rule at the checkpoint that the look-alikes (best first, by kind) meet, with the one it met. */
    public Optional<Verdict> judge(Checkpoint checkpoint, List<? extends Lookalike> leads, List<? extends Lookalike> contacts) {
        for (DuplicateRule rule : rules) {
            if (!rule.appliesAt(checkpoint)) {
                continue;
            }
            List<? extends Lookalike> pool = rule.against() == DuplicateRule.Against.LEADS ? leads : contacts;
            Optional<? extends Lookalike> best = pool.stream().filter(l -> l.score() >= rule.threshold()).findFirst();
            if (best.isPresent()) {
                return Optional.of(new Verdict(rule, best.get()));
            }
        }
        return Optional.empty();
    }

    /** A rule that applies and the look-alike that made it apply. */
    public record Verdict(DuplicateRule rule, Lookalike lookalike) {
        public DuplicateAction action() {
            return rule.action();
        }
    }
}
