package dev.leadline.plugins.crm.hubspot;

import dev.leadline.plugin.CrmActivity;
import dev.leadline.plugin.CrmConversion;
import dev.leadline.plugin.CrmLead;
import dev.leadline.plugin.testkit.TestLeads;
import java.time.Instant;
import java.util.Map;

/** Leads, activities and conversions as the host pushes them. */
final class HubSpotSamples {
    static final Instant UPDATED = Instant.parse("2026-12-01T10:00:00Z");

    private HubSpotSamples() {}

    static CrmLead lead(String crmId, String status, String ownerEmail) {
        return new CrmLead(TestLeads.lead(Map.of("email", "jane.doe@acme.example", "firstName", "Jane", "lastName", "Doe", "company",
                "Acme Robotics", "title", "VP Operations", "phone", "+447700900123")), crmId, status, "Working - Contacted", ownerEmail, null,
                72, UPDATED);
    }

    static CrmActivity call(String contactId) {
        return new CrmActivity("activity:812", CrmActivity.Kind.CONTACT_ATTEMPT, contactId, "Call", "Left a voicemail", "call",
                Instant.parse("2026-12-01T11:00:00Z"), null, "omar@leadline.example", null);
    }

    static CrmActivity meeting(String contactId) {
        return new CrmActivity("activity:813", CrmActivity.Kind.MEETING, contactId, "Pilot walkthrough", "Agenda: scope, pricing", null,
                Instant.parse("2026-12-03T15:00:00Z"), Instant.parse("2026-12-03T15:45:00Z"), "omar@leadline.example", null);
    }

    static CrmActivity note(String contactId) {
        return new CrmActivity("activity:814", CrmActivity.Kind.NOTE, contactId, "Note", "Budget approved for Q1", null,
                Instant.parse("2026-12-04T09:30:00Z"), null, null, null);
    }

    static CrmConversion conversion(String contactId, String accountCrmId) {
        return new CrmConversion(lead(contactId, "CONVERTED", "omar@leadline.example"), contactId, "Acme Robotics", accountCrmId,
                "acme.example", "Acme Robotics – pilot", "12000.00", null, "omar@leadline.example", null, Instant.parse("2026-12-05T12:00:00Z"));
    }
}
