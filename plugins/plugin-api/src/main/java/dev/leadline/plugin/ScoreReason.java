package dev.leadline.plugin;

/**
 * Why a score moved, in words a rep understands: {@code +20 employees 500–1000},
 * {@code −15 webmail address}.
 *
 * @param points the points this reason adds (negative: takes away)
 * @param text   what it was, without the points
 */
public record ScoreReason(int points, String text) {
    public ScoreReason {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a score reason needs its text");
        }
    }

    @Override
    public String toString() {
        return (points >= 0 ? "+" : "−") + Math.abs(points) + " " + text;
    }
}
