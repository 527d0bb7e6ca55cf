package dev.leadline.core.intake;

import dev.leadline.core.dedupe.Lookalike;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.Lead;
import java.util.List;

/** What became of a request to create one lead. */
public sealed interface CreateOutcome {
    /** A new lead was stored; {@code possibleDuplicates} are stored leads it looks like (flagged, not blocked). */
    record Created(Lead lead, List<Lookalike> possibleDuplicates) implements CreateOutcome {
        public Created {
            possibleDuplicates = List.copyOf(possibleDuplicates);
        }

        public Created(Lead lead) {
            this(lead, List.of());
        }
    }

    /** The lead looks like a stored lead or contact and the rule is to block; nothing was stored. */
    record Duplicate(Lookalike of) implements CreateOutcome {}

    /** The lead was stored as {@code created} and merged at once into the lead it duplicates, {@code survivor}. */
    record Merged(Lead survivor, LeadId created) implements CreateOutcome {}

    /** The same request was sent before with this key; here is the lead it created. */
    record Replayed(Lead lead) implements CreateOutcome {}

    /** A lead with the same external id exists already; nothing was stored. */
    record AlreadyExists(Lead existing) implements CreateOutcome {}

    /** The key was used before for a different request; nothing was stored. */
    record KeyReused(String key) implements CreateOutcome {}
}
