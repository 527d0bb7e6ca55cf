package dev.leadline.core.activity;

import dev.leadline.core.lead.LeadId;
import java.util.List;

/** The timeline store; entries are only ever added. */
public interface ActivityRepository {
    void appendAll(List<Activity> activities);

    /** The lead's timeline, newest first. */
    List<Activity> forLead(LeadId leadId, int limit);
}
