package dev.leadline.plugins.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.leadline.plugin.Enrichment;
import dev.leadline.plugin.FieldValue;
import dev.leadline.plugin.testkit.TestContext;
import dev.leadline.plugin.testkit.TestLeads;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailEnrichmentTest {
    private final EmailEnrichment provider = new EmailEnrichment();

    @Test
    void valuesCleanedFromTheLeadsOwnFieldsSayWhatTheyCleaned() {
        Enrichment found = provider.enrich(TestLeads.lead(Map.of("firstName", "JANE", "lastName", "o'neil", "phone", "020 7946 0958",
                "company", "Acme   Widgets", "email", "jane@acme-widgets.co.uk")), TestContext.withConfig(Map.of("defaultRegion", "GB")));

        assertThat(found.values()).extracting(FieldValue::field, FieldValue::value, FieldValue::cleanedFrom).contains(
                tuple("firstName", "Jane", "JANE"), tuple("lastName", "O'Neil", "o'neil"), tuple("phone", "+442079460958", "020 7946 0958"),
                tuple("company", "Acme Widgets", "Acme   Widgets"), tuple("domain", "acme-widgets.co.uk", ""));
        assertThat(found.values()).filteredOn(v -> v.field().equals("phoneCountry") || v.field().equals("emailType"))
                .as("values that are not the lead's own fields").noneMatch(FieldValue::isCleaned);
    }

    @Test
    void aDomainTheLeadHasIsNeverOfferedInPlaceOfItAndValuesFromOtherProvidersAreNotTheLeadsToClean() {
        Enrichment found = provider.enrich(TestLeads.lead(Map.of("email", "meera@mail.tcs.com", "domain", "mail.tcs.com"),
                Map.of("phone", "020 7946 0958")), TestContext.withConfig(Map.of("defaultRegion", "GB")));

        assertThat(found.values()).extracting(FieldValue::field, FieldValue::value, FieldValue::isCleaned)
                .contains(tuple("domain", "tcs.com", false), tuple("phone", "+442079460958", false));
    }
}
