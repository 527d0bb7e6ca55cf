package dev.leadline.core.routing;

import java.time.Instant;
import java.util.List;

/**
 * Why a lead went where it went: the rule set and version, the entry that matched and the conditions
 * that made it match, how many entries came before it, each queue that was tried with every member
 * considered (chosen, eligible or skipped, and why), and the outcome in one sentence.
 */
public record Explanation(String purpose, Integer ruleSetVersion, String entry, List<String> because, int entriesBefore,
                          List<QueueStep> queues, String outcome, Instant decidedAt) {
    public Explanation {
        because = List.copyOf(because);
        queues = List.copyOf(queues);
    }

    /** One queue tried: its strategy, its members as considered, and what came of it. */
    public record QueueStep(long queueId, String queue, String strategy, List<CandidateNote> candidates, String result) {
        public QueueStep {
            candidates = List.copyOf(candidates);
        }
    }

    /**
     * A member as considered: {@code verdict} is {@code chosen}, {@code eligible} or {@code skipped};
     * {@code reason} says why one was skipped; {@code state} is the strategy's view (weight, tags, load);
     * {@code weight} is the member's weight in the queue then (null in decisions stored before it was kept).
     */
    public record CandidateNote(long repId, String rep, String verdict, String reason, String state, Integer weight) {}
}
