package dev.leadline.core.conversion;

import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadStage;
import java.time.Instant;

/**
 * One conversion of a lead: what it created (with the versions they had then) and where the lead
 * stood before, so that it can be undone exactly.
 */
public record Conversion(long id, LeadId leadId, long accountId, boolean accountCreated, int accountVersion, long contactId,
                         int contactVersion, Long opportunityId, Integer opportunityVersion, LeadStage stageBefore,
                         Instant createdAt, Instant undoneAt) {}
