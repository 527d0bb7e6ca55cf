package dev.leadline.core.sla;

import dev.leadline.core.lead.LeadId;
import java.time.Instant;
import java.util.List;

/** The SLA clock kept on each lead: when it started, which step is next, and when. */
public interface SlaClocks {
    void start(LeadId lead, Instant startedAt, Instant firstStepAt);

    void advance(LeadId lead, int nextStep, Instant nextAt);

    void stop(LeadId lead);

    /** Starts these leads' clocks at one time with one first step (leads routed together). */
    void startAll(java.util.Collection<LeadId> leads, Instant startedAt, Instant firstStepAt);

    void stopAll(java.util.Collection<LeadId> leads);

    /** Leads whose next step is due, oldest first. */
    List<Due> due(Instant now, int limit);

    /** A lead whose clock has a step due. */
    record Due(LeadId lead, Instant startedAt, int step) {}
}
