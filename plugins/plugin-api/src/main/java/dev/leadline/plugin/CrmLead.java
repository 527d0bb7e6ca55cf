package dev.leadline.plugin;

import java.time.Instant;
import java.util.Map;

/**
 * A lead to create or update in a CRM.
 *
 * @param lead           the lead's fields as providers see them ({@link LeadSnapshot}); {@code custom.<name>} for custom fields
 * @param crmId          the CRM's id for it, or {@code null} when it has none yet
 * @param status         Leadline's status: {@code NEW}, {@code ATTEMPTED}, {@code ENGAGED}, {@code QUALIFIED}, {@code DISQUALIFIED},
 *                       {@code CONVERTED} (or {@code MERGED}, for a lead merged into another)
 * @param statusCategory the status as Salesforce's standard lead statuses say it: {@code Open - Not Contacted} (new),
 *                       {@code Working - Contacted} (attempted, engaged, qualified), {@code Closed - Converted},
 *                       {@code Closed - Not Converted} (disqualified, merged)
 * @param ownerEmail     the owning rep's email, or {@code null} when nobody owns it
 * @param ownerCrmId     the CRM's id for that owner when the host knows it from an earlier answer, else {@code null}
 * @param score          the lead's score, or {@code null}
 * @param updatedAt      when the lead last changed in Leadline
 */
public record CrmLead(LeadSnapshot lead, String crmId, String status, String statusCategory, String ownerEmail, String ownerCrmId,
                      Integer score, Instant updatedAt) {
    /** Sent for the first time. */
    public boolean isNew() {
        return crmId == null;
    }

    /** A field as given, else as enriched ({@link LeadSnapshot#get}), or {@code null}. */
    public String field(String name) {
        return lead.get(name).orElse(null);
    }

    /** The fields as given, for connectors that map them all. */
    public Map<String, String> fields() {
        return lead.fields();
    }
}
