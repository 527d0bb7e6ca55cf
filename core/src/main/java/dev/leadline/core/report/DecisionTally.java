package dev.leadline.core.report;

import dev.leadline.core.routing.Explanation;
import dev.leadline.core.routing.Explanation.CandidateNote;
import dev.leadline.core.routing.Explanation.QueueStep;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;

/**
 * What one routing decision adds to the fairness report, at the time it was made: per queue tried, that
 * the queue decided (and handed the lead out, with its strategy), counted for no rep; per member
 * considered, that they were, whether eligible, skipped (why) or chosen, their weight, and their
 * expected share of the lead: their weight over the weights of the members eligible that time.
 */
public final class DecisionTally {
    static final String DECIDED = "fair:decided";
    static final String HANDED = "fair:handed";
    static final String STRATEGY = "fair:strategy";
    static final String CONSIDERED = "fair:considered";
    static final String ELIGIBLE = "fair:eligible";
    static final String SKIPPED = "fair:skipped";
    static final String CHOSEN = "fair:leads";
    static final String EXPECTED = "fair:expected";
    static final String WEIGHT = "fair:weight";
    private static final MathContext PRECISION = new MathContext(12);

    private DecisionTally() {}

    /** The decision's entries, each in its UTC hour, for the lead it was about. */
    public static Tally of(Explanation e) {
        Tally tally = new Tally();
        long hour = Math.floorDiv(e.decidedAt().getEpochSecond(), 3600);
        entries(e, (at, queue, rep, metric, detail, amount) -> tally.add(new Tally.Key(hour, queue, rep, "", "", metric, detail), 1, amount));
        return tally;
    }

    static void entries(Explanation e, LeadTally.Entries out) {
        Instant at = e.decidedAt();
        for (QueueStep step : e.queues()) {
            long queue = step.queueId();
            boolean handed = step.candidates().stream().anyMatch(c -> c.verdict().equals("chosen"));
            int weights = step.candidates().stream().filter(c -> !c.verdict().equals("skipped")).mapToInt(DecisionTally::weight).sum();
            // one share per distinct weight, not a division per member (a queue of 200 mostly has one weight)
            java.util.Map<Integer, BigDecimal> shares = new java.util.HashMap<>();
            out.add(at, queue, 0L, DECIDED, "", null);
            out.add(at, queue, 0L, STRATEGY, step.strategy() == null ? "" : step.strategy(), null);
            if (handed) {
                out.add(at, queue, 0L, HANDED, "", null);
            }
            for (CandidateNote c : step.candidates()) {
                long rep = c.repId();
                out.add(at, queue, rep, CONSIDERED, "", null);
                out.add(at, queue, rep, WEIGHT, Integer.toString(weight(c)), null);
                if (c.verdict().equals("skipped")) {
                    out.add(at, queue, rep, SKIPPED, FairnessReport.reason(c.reason()), null);
                    continue;
                }
                out.add(at, queue, rep, ELIGIBLE, "", null);
                if (c.verdict().equals("chosen")) {
                    out.add(at, queue, rep, CHOSEN, "", null);
                }
                if (handed && weights > 0) {
                    out.add(at, queue, rep, EXPECTED, "", shares.computeIfAbsent(weight(c),
                            w -> BigDecimal.valueOf(w).divide(BigDecimal.valueOf(weights), PRECISION)));
                }
            }
        }
    }

    /** The member's weight then; for decisions stored before it was kept, as the strategy stated it, else 1. */
    static int weight(CandidateNote note) {
        return FairnessReport.statedWeight(note).orElse(1);
    }
}
