package dev.leadline.core.intake;

import dev.leadline.core.lead.Lead;

/** What became of a request to create one lead. */
public sealed interface CreateOutcome {
    /** A new lead was stored. */
    record Created(Lead lead) implements CreateOutcome {}

    /** The same request was sent before with this key; here is the lead it created. */
    record Replayed(Lead lead) implements CreateOutcome {}

    /** A lead with the same external id exists already; nothing was stored. */
    record AlreadyExists(Lead existing) implements CreateOutcome {}

    /** The key was used before for a different request; nothing was stored. */
    record KeyReused(String key) implements CreateOutcome {}
}
