package dev.leadline.core.team;

import dev.leadline.core.common.ValidationException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How a queue hands out its leads: the strategy, each member's weight (100 unless said), the caps on
 * how many leads a member and the whole queue take per day, week and month, and where a lead goes
 * when every member is capped or away.
 */
public record QueueRouting(Strategy strategy, Map<Long, Integer> weights, Caps caps, Fallback fallback) {
    public static final int DEFAULT_WEIGHT = 100;
    public static final QueueRouting CLAIM_FIRST = new QueueRouting(Strategy.CLAIM_FIRST, Map.of(), Caps.NONE, new Fallback.Hold());

    public QueueRouting {
        weights = Map.copyOf(weights);
    }

    /** The member's weight; round robin weighs everyone the same. */
    public int weight(long repId) {
        return strategy == Strategy.ROUND_ROBIN ? DEFAULT_WEIGHT : weights.getOrDefault(repId, DEFAULT_WEIGHT);
    }

    /** Ways to hand out a queue's leads. */
    public enum Strategy {
        /** Offer to every member; the first to claim wins. */
        CLAIM_FIRST,
        /** Each available member in turn. */
        ROUND_ROBIN,
        /** In turn, in proportion to the members' weights. */
        WEIGHTED,
        /** The available member with the fewest open leads. */
        LEAST_LOADED;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Strategy parse(String text, String where) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new ValidationException(where, "'" + text + "' is not a strategy; use one of "
                        + Arrays.stream(values()).map(Strategy::label).collect(Collectors.joining(", ")));
            }
        }
    }

    /** Most leads per member and for the whole queue in a day, week (from Monday) and month, counted in {@code zone}; null is no cap. */
    public record Caps(Integer repDay, Integer repWeek, Integer repMonth, Integer day, Integer week, Integer month, ZoneId zone) {
        public static final Caps NONE = new Caps(null, null, null, null, null, null, ZoneOffset.UTC);

        public boolean any() {
            return repDay != null || repWeek != null || repMonth != null || day != null || week != null || month != null;
        }
    }

    /** Where a lead goes when no member can take it. */
    public sealed interface Fallback {
        /** Kept in the queue, unassigned, and the managers are alerted. */
        record Hold() implements Fallback {}

        record ToQueue(long queueId) implements Fallback {}

        record ToRep(long repId) implements Fallback {}
    }
}
