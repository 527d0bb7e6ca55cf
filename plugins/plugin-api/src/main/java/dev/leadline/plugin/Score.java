package dev.leadline.plugin;

import java.util.List;

/**
 * A provider's score for a lead, 0 to 100, with the reasons for it. A provider that cannot score
 * yet (e.g. a model with too little history) {@linkplain #abstain abstains}: its reason is shown and
 * it does not count in the combined score.
 *
 * @param value     0 to 100
 * @param reasons   what made the score, largest effect first preferred
 * @param abstained true when the provider had no opinion
 */
public record Score(int value, List<ScoreReason> reasons, boolean abstained) {
    public Score {
        if (value < 0 || value > 100) {
            throw new IllegalArgumentException("a score is from 0 to 100, got " + value);
        }
        reasons = List.copyOf(reasons);
    }

    public Score(int value, List<ScoreReason> reasons) {
        this(value, reasons, false);
    }

    /** No score from this provider for now, and why (shown with the lead's scores). */
    public static Score abstain(String why) {
        return new Score(0, List.of(new ScoreReason(0, why)), true);
    }
}
