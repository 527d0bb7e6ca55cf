package dev.leadline.core.sla;

import dev.leadline.core.lead.Lead;
import java.time.Instant;

/** What an SLA step does to a lead that was left untouched; each step that acts is on the lead's timeline. */
public interface SlaActions {
    /** Reminds the owner, or the queue when nobody owns the lead yet. */
    void remind(Lead lead, Untouched untouched, Instant at);

    /**
     * Gives the lead to another member of its queue; false when there is nobody else to give it to
     * (then {@code andAlert} says whether the managers are told now).
     */
    boolean reassign(Lead lead, Untouched untouched, boolean andAlert, Instant at);

    /** Tells the managers. */
    void alertManagers(Lead lead, Untouched untouched, Instant at);
}
