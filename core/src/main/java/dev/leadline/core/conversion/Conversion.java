package dev.leadline.core.conversion;

import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadStage;
import java.time.Instant;

/**
 * One conversion of a lead: what it created (with the versions they had then) and where the lead
 * stood before, so that it can be undone exactly. {@code contactCreated} is false when the lead was
 * joined to an existing contact (a duplicate rule's merge), which undoing then leaves alone.
 */
public record Conversion(long id, LeadId leadId, long accountId, boolean accountCreated, int accountVersion, long contactId,
                         boolean contactCreated, int contactVersion, Long opportunityId, Integer opportunityVersion, LeadStage stageBefore,
                         Instant createdAt, Instant undoneAt) {}
