package dev.leadline.core.dedupe;

import java.time.Instant;
import java.util.List;

/**
 * What the duplicate rules decided at each checkpoint (flag, alert, block, merge), kept as facts in the
 * transaction of the intake or conversion they judged, so that data-quality reports count blocked
 * records too, which leave nothing else behind.
 */
public interface DuplicateVerdicts {
    /** Keeps nothing: for installations and tests without a store. */
    DuplicateVerdicts NONE = verdicts -> { };

    void record(List<Noted> verdicts);

    /** A verdict other than allow: where, what the rule did, what the record looked like, the record's source. */
    record Noted(Checkpoint checkpoint, DuplicateAction action, String reference, String source, Instant at) {}
}
