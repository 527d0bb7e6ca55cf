package dev.leadline.core.report;

import java.time.Duration;
import java.util.List;

/** The small arithmetic reports share. */
final class Stats {
    private Stats() {}

    /** Nearest-rank percentile of durations, in whole seconds; null when there are none. */
    static Long percentileSeconds(List<Duration> durations, int p) {
        if (durations.isEmpty()) {
            return null;
        }
        List<Duration> sorted = durations.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1)).toSeconds();
    }

    /** {@code part / whole} to four decimals; null when {@code whole} is zero. */
    static Double ratio(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }
}
