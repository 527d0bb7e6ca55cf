package dev.leadline.plugins.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.plugin.Enrichment;
import dev.leadline.plugin.EnrichmentProvider;
import dev.leadline.plugin.FieldValue;
import dev.leadline.plugin.testkit.PluginArchive;
import dev.leadline.plugin.testkit.TestContext;
import dev.leadline.plugin.testkit.TestLeads;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built zip, loaded in a real pf4j host: its descriptor, extension index, lists and libphonenumber in lib/. */
class EnrichEmailArchiveIT {
    @Test
    void theArchiveLoadsAndEnrichesWithItsOwnListsAndLibraries() throws Exception {
        try (PluginArchive plugin = PluginArchive.load(Path.of(System.getProperty("plugin.archive")))) {
            assertThat(plugin.pluginId()).isEqualTo("enrich-email");
            EnrichmentProvider provider = plugin.enrichmentProviders().get(0);

            Enrichment found = provider.enrich(TestLeads.lead(Map.of("email", "x@mailinator.com", "phone", "+1 650 253 0000",
                    "website", "https://www.acme.example/about")), TestContext.withConfig(Map.of()));

            assertThat(found.values()).extracting(FieldValue::field, FieldValue::value).contains(
                    org.assertj.core.groups.Tuple.tuple("emailType", "disposable"), org.assertj.core.groups.Tuple.tuple("phone", "+16502530000"),
                    org.assertj.core.groups.Tuple.tuple("phoneCountry", "US"), org.assertj.core.groups.Tuple.tuple("domain", "acme.example"));
        }
    }

    @Test
    void theDomainIsTheOneTheCompanyRegisteredByThePublicSuffixList() throws Exception {
        try (PluginArchive plugin = PluginArchive.load(Path.of(System.getProperty("plugin.archive")))) {
            EnrichmentProvider provider = plugin.enrichmentProviders().get(0);

            Enrichment subdomain = provider.enrich(TestLeads.lead(Map.of("email", "meera@mail.tcs.com")), TestContext.withConfig(Map.of()));
            Enrichment uk = provider.enrich(TestLeads.lead(Map.of("website", "https://www.shop.example.co.uk/about")),
                    TestContext.withConfig(Map.of()));
            Enrichment university = provider.enrich(TestLeads.lead(Map.of("email", "ana@eng.cam.ac.uk")), TestContext.withConfig(Map.of()));

            assertThat(subdomain.values()).extracting(FieldValue::field, FieldValue::value)
                    .contains(org.assertj.core.groups.Tuple.tuple("domain", "tcs.com"));
            assertThat(uk.values()).extracting(FieldValue::field, FieldValue::value)
                    .contains(org.assertj.core.groups.Tuple.tuple("domain", "example.co.uk"));
            assertThat(university.values()).extracting(FieldValue::field, FieldValue::value)
                    .contains(org.assertj.core.groups.Tuple.tuple("domain", "cam.ac.uk"));
        }
    }
}
