package dev.leadline.core.dedupe;

import dev.leadline.core.common.Actor;
import dev.leadline.core.common.Page;
import dev.leadline.core.lead.LeadId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The open flags between two leads, for people to review, and the pairs they dismissed. Calls join the caller's transaction. */
public interface DuplicateReviews {
    /** An open flag: a lead stored although it looked like another lead, how sure and on which fields. */
    record Flagged(LeadId lead, LeadId like, double score, List<String> matched, Instant flaggedAt) {}

    /**
     * Open flags between two leads that are not merged, best match first (score, then newest lead),
     * {@code limit} at a time after the cursor of the page before; with {@code owner}, only pairs
     * whose two leads that rep owns.
     */
    Page<Flagged> open(Optional<Long> owner, int limit, Optional<String> after);

    /** Whether the pair was dismissed. */
    boolean isDismissed(LeadPair pair);

    /** Records that the pair is not a duplicate, and settles the open flags between its two leads. */
    void dismiss(LeadPair pair, Actor actor, Instant at);
}
