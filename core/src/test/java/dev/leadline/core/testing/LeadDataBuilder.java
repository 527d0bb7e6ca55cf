package dev.leadline.core.testing;

import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadDraft;
import dev.leadline.core.lead.LeadField;

/** Test data: {@code aLead().withEmail("ada@example.com").build()}. */
public final class LeadDataBuilder {
    private final LeadDraft draft = new LeadDraft();

    public static LeadDataBuilder aLead() {
        return new LeadDataBuilder().with(LeadField.FIRST_NAME, "Ada").with(LeadField.LAST_NAME, "Lovelace")
                .with(LeadField.COMPANY, "Analytical Engines Ltd");
    }

    public LeadDataBuilder with(LeadField field, String value) {
        draft.set(field, value);
        return this;
    }

    public LeadDataBuilder withEmail(String email) {
        return with(LeadField.EMAIL, email);
    }

    public LeadDataBuilder withExternalId(String id) {
        return with(LeadField.EXTERNAL_ID, id);
    }

    public LeadDataBuilder withCustom(String name, String value) {
        draft.custom(name, value);
        return this;
    }

    public LeadData build() {
        LeadDraft.Validated validated = draft.build();
        if (validated instanceof LeadDraft.Validated.Valid valid) {
            return valid.data();
        }
        throw new IllegalStateException("invalid test lead: " + validated);
    }
}
