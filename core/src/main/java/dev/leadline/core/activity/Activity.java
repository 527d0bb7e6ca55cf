package dev.leadline.core.activity;

import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.LeadId;
import java.time.Instant;

/** One entry on a lead's timeline, phrased for people. */
public record Activity(LeadId leadId, ActivityType type, Actor actor, Instant occurredAt, String summary) {}
