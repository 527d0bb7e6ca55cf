package dev.leadline.core.report;

import java.util.List;
import java.util.Optional;

/**
 * The leads' tallies summed and kept per UTC hour, day and month, in cuts: each cut keeps some of the
 * queue, rep, source and campaign and sums over the others. Changes of tallies wait in a queue until
 * they are folded into the sums; a reader adds the waiting changes itself, so what it reads is exact.
 */
public interface Rollups {
    int QUEUE = 1;
    int REP = 2;
    int SOURCE = 4;
    int CAMPAIGN = 8;
    /** The levels of the sums: a row per UTC hour, day or month. */
    int HOURS = 0;
    int DAYS = 1;
    int MONTHS = 2;

    /** The cuts kept, smallest first: the dimensions each keeps. */
    enum Cut {
        ALL(0), QUEUE(Rollups.QUEUE), SOURCE(Rollups.SOURCE), CAMPAIGN(Rollups.CAMPAIGN), QUEUE_REP(Rollups.QUEUE | Rollups.REP),
        QUEUE_SOURCE_CAMPAIGN(Rollups.QUEUE | Rollups.SOURCE | Rollups.CAMPAIGN), EVERY(Rollups.QUEUE | Rollups.REP | Rollups.SOURCE | Rollups.CAMPAIGN);

        public final int dims;

        Cut(int dims) {
            this.dims = dims;
        }

        public boolean keeps(int dim) {
            return (dims & dim) != 0;
        }

        /** The smallest cut that keeps every one of {@code dims}. */
        static Cut keeping(int dims) {
            for (Cut cut : values()) {
                if ((cut.dims & dims) == dims) {
                    return cut;
                }
            }
            return EVERY;
        }
    }

    /** Whether every lead's tally has been worked out (not so while a first summarising runs after an upgrade). */
    boolean ready();

    /** Whether every routing decision's tally has been added (not so while those made before an upgrade are added). */
    boolean decisionsReady();

    /**
     * Every kept row of {@code cut} at one level ({@link #HOURS}, {@link #DAYS}, {@link #MONTHS}), whose first hour (hours since the epoch)
     * is in one of {@code spans} ({@code [from, to)} pairs), narrowed to the reps (any when none) and queue when given.
     * Each entry comes with its row's first hour and dimensions (0 or "" for those the cut does not keep).
     */
    void read(Cut cut, int level, List<long[]> spans, List<Long> repIds, Optional<Long> queueId, Tally.Sink sink);

    /** The changes not yet folded into the sums: entries with their own hour and every dimension. */
    void pending(Tally.Sink sink);
}
