package dev.leadline.core.nurture;

import dev.leadline.core.lead.LeadId;
import java.util.Optional;

/** Leads' places in cadences; calls join the caller's transaction. */
public interface NurtureRepository {
    Optional<Nurture> find(LeadId lead);

    /** Stores the enrolment unless the lead is in a cadence already; false then. */
    boolean insert(Nurture nurture);

    /** Those of these leads that are in a cadence. */
    java.util.Set<LeadId> enrolled(java.util.Collection<LeadId> leads);

    /** Takes the lead out of its cadence; what it was in, if it was. */
    Optional<Nurture> remove(LeadId lead);
}
