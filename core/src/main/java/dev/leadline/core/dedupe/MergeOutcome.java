package dev.leadline.core.dedupe;

import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadOutcome;
import java.util.List;
import java.util.Map;

/** What became of a merge or of undoing one. */
public sealed interface MergeOutcome {
    /** The leads were merged into the survivor; {@code sources} says which lead each field came from. */
    record Merged(Lead survivor, List<LeadId> merged, Map<String, LeadId> sources, int moved, long mergeId) implements MergeOutcome {}

    /**
     * The merge was undone: the leads are back as they were. {@code kept} names what stayed because it
     * changed after the merge (the survivor's edited data).
     */
    record Unmerged(Lead survivor, List<Lead> restored, List<String> kept) implements MergeOutcome {}

    /** Nothing changed: not allowed, or a lead in the wrong state. */
    record Refused(LeadOutcome reason) implements MergeOutcome {}
}
