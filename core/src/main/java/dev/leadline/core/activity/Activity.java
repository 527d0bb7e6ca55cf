package dev.leadline.core.activity;

import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.LeadId;
import java.time.Instant;

/** One entry on a lead's timeline: a one-line summary for people and, for notes, the full text. */
public record Activity(LeadId leadId, ActivityType type, Actor actor, Instant occurredAt, String summary, String details) {
    public Activity(LeadId leadId, ActivityType type, Actor actor, Instant occurredAt, String summary) {
        this(leadId, type, actor, occurredAt, summary, null);
    }
}
