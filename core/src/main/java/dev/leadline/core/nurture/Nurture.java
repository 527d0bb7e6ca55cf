package dev.leadline.core.nurture;

import dev.leadline.core.lead.LeadId;
import java.time.Instant;

/** A lead's place in a cadence: the version it follows, its next step (from 0) and when that is due, who sends and who enrolled it. */
public record Nurture(LeadId lead, String cadence, int version, int step, Instant nextAt, Long senderRepId, Instant enrolledAt, String enrolledBy) {}
