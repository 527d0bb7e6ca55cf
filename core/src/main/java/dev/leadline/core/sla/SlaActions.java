package dev.leadline.core.sla;

import dev.leadline.core.lead.Lead;
import java.time.Duration;
import java.time.Instant;

/** What an SLA step does to a lead that was left untouched. */
public interface SlaActions {
    /** Reminds the owner, or the queue when nobody owns the lead yet. */
    void remind(Lead lead, Duration untouched, Instant at);

    /** Gives the lead to another member of its queue; false when there is nobody else to give it to. */
    boolean reassign(Lead lead, Duration untouched, Instant at);

    /** Tells the managers. */
    void alertManagers(Lead lead, Duration untouched, Instant at);
}
