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

    /** Enrolments whose next step is due at {@code now}, soonest first, locked until the caller's transaction ends. */
    java.util.List<Nurture> dueForUpdate(java.time.Instant now, int limit);

    /** Leads in {@code cadence} whose score is {@code score} or more, locked until the caller's transaction ends. */
    java.util.List<Nurture> scoringAtLeastForUpdate(String cadence, int score, int limit);

    /** Moves the enrolment to {@code step}, due at {@code nextAt}. */
    void advance(LeadId lead, int step, java.time.Instant nextAt);

    /** Takes the lead out of its cadence; what it was in, if it was. */
    Optional<Nurture> remove(LeadId lead);
}
