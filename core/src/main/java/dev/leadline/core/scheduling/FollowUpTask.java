package dev.leadline.core.scheduling;

import dev.leadline.core.lead.LeadId;
import java.time.Instant;

/** Something a rep must do for a lead by a due time. */
public record FollowUpTask(long id, LeadId leadId, long repId, String title, Instant dueAt, Instant doneAt, Instant createdAt,
                           int version) {}
