package dev.leadline.core.report;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The small arithmetic reports share. Durations are counted in steps: whole seconds under a minute, then
 * steps 5 % apart, each step named by its first second; a percentile is the step the exact percentile
 * falls in (at most 5 % under it), so that it can be read from kept counts per step as well as from every
 * duration.
 */
final class Stats {
    private static final long[] STEPS = steps();

    private Stats() {}

    private static long[] steps() {
        long[] steps = new long[600];
        int n = 0;
        for (long s = 0; s < 60; s++) {
            steps[n++] = s;
        }
        while (steps[n - 1] < 20L * 365 * 86_400) {
            steps[n] = Math.max(steps[n - 1] + 1, (long) Math.ceil(steps[n - 1] * 1.05));
            n++;
        }
        return Arrays.copyOf(steps, n);
    }

    /** The first second of the step {@code seconds} falls in (0 for a negative duration). */
    static long step(long seconds) {
        if (seconds <= 0) {
            return 0;
        }
        int i = Arrays.binarySearch(STEPS, seconds);
        return STEPS[i >= 0 ? i : -i - 2];
    }

    /** Nearest-rank percentile of durations, as the step it falls in; null when there are none. */
    static Long percentileSeconds(List<Duration> durations, int p) {
        if (durations.isEmpty()) {
            return null;
        }
        List<Duration> sorted = durations.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return step(sorted.get(Math.max(0, rank - 1)).toSeconds());
    }

    /** Nearest-rank percentile from counts per step (step → how many); null when there are none. */
    static Long percentileSeconds(Map<String, Long> countsByStep, int p) {
        TreeMap<Long, Long> sorted = new TreeMap<>();
        countsByStep.forEach((step, n) -> sorted.merge(Long.parseLong(step), n, Long::sum));
        long total = sorted.values().stream().mapToLong(Long::longValue).sum();
        if (total <= 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
        long seen = 0;
        for (Map.Entry<Long, Long> e : sorted.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return e.getKey();
            }
        }
        return sorted.lastKey();
    }

    /** A sum of amounts as reports state it: zero (however it was reached) is 0. */
    static java.math.BigDecimal amount(java.math.BigDecimal sum) {
        return sum == null || sum.signum() == 0 ? java.math.BigDecimal.ZERO : sum;
    }

    /** {@code part / whole} to four decimals; null when {@code whole} is zero. */
    static Double ratio(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }
}
