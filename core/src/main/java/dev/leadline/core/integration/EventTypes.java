package dev.leadline.core.integration;

import java.util.List;

/** The events listeners may subscribe to, as their webhook {@code type}. */
public final class EventTypes {
    public static final String LEAD_CREATED = "lead.created";
    public static final String LEAD_ROUTED = "lead.routed";
    public static final String LEAD_CLAIMED = "lead.claimed";
    public static final String LEAD_STATUS_CHANGED = "lead.status_changed";
    public static final String LEAD_CONVERTED = "lead.converted";
    public static final String LEAD_UNCONVERTED = "lead.unconverted";
    public static final String LEAD_MERGED = "lead.merged";
    public static final String LEAD_UNMERGED = "lead.unmerged";
    public static final String LEAD_CONTACTED = "lead.contact_attempted";
    public static final String LEAD_NOTED = "lead.note_added";
    public static final String MEETING_SCHEDULED = "meeting.scheduled";
    public static final String SLA_BREACHED = "sla.breached";
    public static final String DUPLICATE_FLAGGED = "duplicate.flagged";

    /** All of them, in the order the docs list them. */
    public static final List<String> ALL = List.of(LEAD_CREATED, LEAD_ROUTED, LEAD_CLAIMED, LEAD_STATUS_CHANGED, LEAD_CONVERTED,
            LEAD_UNCONVERTED, LEAD_MERGED, LEAD_UNMERGED, LEAD_CONTACTED, LEAD_NOTED, MEETING_SCHEDULED, SLA_BREACHED, DUPLICATE_FLAGGED);

    private EventTypes() {}
}
