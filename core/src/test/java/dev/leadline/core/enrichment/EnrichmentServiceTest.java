package dev.leadline.core.enrichment;

import static dev.leadline.core.testing.LeadDataBuilder.aLead;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.NewLead;
import dev.leadline.core.testing.InMemoryLeadRepository;
import dev.leadline.plugin.ActivitySummary;
import dev.leadline.plugin.Enrichment;
import dev.leadline.plugin.FieldValue;
import dev.leadline.plugin.LeadSnapshot;
import dev.leadline.plugin.Score;
import dev.leadline.plugin.ScoreReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnrichmentServiceTest {
    private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
    private final InMemoryLeadRepository leads = new InMemoryLeadRepository();
    private final MemoryStore store = new MemoryStore();
    private List<ProviderCalls.Called<Enrichment>> enrichments = List.of();
    private List<ProviderCalls.Called<Score>> scores = List.of();
    private final List<LeadSnapshot> scored = new ArrayList<>();
    private java.util.Set<String> writers = java.util.Set.of();
    private final dev.leadline.core.testing.InMemoryJournal journal = new dev.leadline.core.testing.InMemoryJournal();
    private final FieldWriteback writeback = new FieldWriteback(new dev.leadline.core.testing.DirectTransactor(), leads,
            new dev.leadline.core.activity.LeadJournal(journal, journal), journal, dev.leadline.core.account.AccountMatching.NONE);
    private final ProviderCalls providers = new ProviderCalls() {
        @Override
        public List<Called<Enrichment>> enrich(LeadSnapshot lead) {
            return enrichments;
        }

        @Override
        public List<Called<Score>> score(LeadSnapshot lead, ActivitySummary activity) {
            scored.add(lead);
            return scores;
        }

        @Override
        public boolean writesFields(String provider) {
            return writers.contains(provider.split("/")[0]);
        }
    };

    @Test
    void theMostTrustedProviderWinsAFieldAheadOfConfidenceAndTheLeadsOwnValueIsNotTouched() {
        Lead lead = leads.insert(new NewLead(aLead().with(LeadField.COMPANY, "acme").build(), null, null, T0));
        enrichments = List.of(
                ProviderCalls.Called.ok("clearbit/company", Enrichment.of(List.of(new FieldValue("industry", "Software", 0.6),
                        new FieldValue("company", "Acme Inc", 0.9)))),
                ProviderCalls.Called.ok("guess/industry", Enrichment.of(List.of(new FieldValue("industry", "Retail", 0.99)))));
        EnrichmentService service = service(new EnrichmentSettings(List.of("clearbit"), Map.of(), Duration.ofDays(30)));

        service.process(lead.id());

        assertThat(store.values.get(lead.id())).containsEntry("industry", "Software").containsEntry("company", "Acme Inc");
        assertThat(store.provenance(lead.id()).get("industry").provider()).isEqualTo("clearbit/company");
        assertThat(leads.find(lead.id()).orElseThrow().data().get(LeadField.COMPANY)).contains("acme");
    }

    @Test
    void cleanedValuesGoOntoTheLeadOnlyFromPluginsThatWriteFieldsAndScoringSeesTheLeadAsWritten() {
        Lead lead = leads.insert(new NewLead(aLead().with(LeadField.FIRST_NAME, "JANE").with(LeadField.LAST_NAME, "doe").build(), null, null, T0));
        enrichments = List.of(
                ProviderCalls.Called.ok("enrich-email/email", Enrichment.of(List.of(FieldValue.cleaned("firstName", "Jane", 0.9, "JANE")))),
                ProviderCalls.Called.ok("other/names", Enrichment.of(List.of(FieldValue.cleaned("lastName", "Doe", 0.9, "doe")))));
        writers = java.util.Set.of("enrich-email");

        service(EnrichmentSettings.DEFAULTS).process(lead.id());

        Lead after = leads.find(lead.id()).orElseThrow();
        assertThat(after.data().get(LeadField.FIRST_NAME)).contains("Jane");
        assertThat(after.data().get(LeadField.LAST_NAME)).as("this plugin may not write fields").contains("doe");
        assertThat(store.values.get(lead.id())).containsEntry("firstName", "Jane").containsEntry("lastName", "Doe");
        assertThat(scored.get(0).fields()).containsEntry("firstName", "Jane");
        assertThat(journal.activities).singleElement().extracting(dev.leadline.core.activity.Activity::summary)
                .isEqualTo("firstName set to Jane from 'JANE' by enrich-email");
    }

    @Test
    void withTheOptionOffCleanedValuesStayInTheEnrichmentOnly() {
        Lead lead = leads.insert(new NewLead(aLead().with(LeadField.FIRST_NAME, "JANE").build(), null, null, T0));
        enrichments = List.of(
                ProviderCalls.Called.ok("enrich-email/email", Enrichment.of(List.of(FieldValue.cleaned("firstName", "Jane", 0.9, "JANE")))));

        service(EnrichmentSettings.DEFAULTS).process(lead.id());

        assertThat(leads.find(lead.id()).orElseThrow().data().get(LeadField.FIRST_NAME)).contains("JANE");
        assertThat(leads.find(lead.id()).orElseThrow().version()).isEqualTo(lead.version());
        assertThat(store.values.get(lead.id())).containsEntry("firstName", "Jane");
    }

    @Test
    void withoutPrecedenceTheMoreConfidentValueWins() {
        Lead lead = leads.insert(new NewLead(aLead().build(), null, null, T0));
        enrichments = List.of(ProviderCalls.Called.ok("a/x", Enrichment.of(List.of(new FieldValue("industry", "Software", 0.6)))),
                ProviderCalls.Called.ok("b/y", Enrichment.of(List.of(new FieldValue("industry", "Retail", 0.9)))));

        service(EnrichmentSettings.DEFAULTS).process(lead.id());

        assertThat(store.values.get(lead.id())).containsEntry("industry", "Retail");
    }

    @Test
    void scoresCombineByWeightAndAFailedProviderIsRecordedWhileTheOthersStand() {
        Lead lead = leads.insert(new NewLead(aLead().build(), null, null, T0));
        scores = List.of(ProviderCalls.Called.ok("rules/rules", new Score(80, List.of(new ScoreReason(20, "big company")))),
                ProviderCalls.Called.ok("bayes/bayes", new Score(20, List.of())),
                ProviderCalls.Called.failed("broken/x", "timed out after 2000 ms"));
        enrichments = List.of(ProviderCalls.Called.failed("slow/y", "circuit open"));

        service(new EnrichmentSettings(List.of(), Map.of("rules", 3.0), Duration.ofDays(30))).process(lead.id());

        assertThat(store.score.get(lead.id())).as("(80×3 + 20×1) / 4").isEqualTo(65);
        assertThat(store.failures).extracting(ProviderFailure::provider).containsExactlyInAnyOrder("broken/x", "slow/y");
        assertThat(store.scores).extracting(ProviderScore::provider).containsExactlyInAnyOrder("rules/rules", "bayes/bayes");
    }

    @Test
    void aLateDeliveryIsMergedAndTheLeadIsScoredAgain() {
        Lead lead = leads.insert(new NewLead(aLead().build(), null, null, T0));
        scores = List.of(ProviderCalls.Called.ok("rules/rules", new Score(55, List.of())));

        service(EnrichmentSettings.DEFAULTS).deliver(lead.id(), "apollo", List.of(new FieldValue("title", "CTO", 0.8)));

        assertThat(store.values.get(lead.id())).containsEntry("title", "CTO");
        assertThat(store.score.get(lead.id())).isEqualTo(55);
    }

    @Test
    void rescoringEveryOpenLeadIsNeverDroppedOnlyPutOffToOnceAMinute() {
        dev.leadline.core.testing.MutableClock clock = new dev.leadline.core.testing.MutableClock(T0);
        EnrichmentService service = new EnrichmentService(leads, store, providers, EnrichmentSettings.DEFAULTS, clock, writeback);

        service.rescoreOpenLeads();
        clock.advance(java.time.Duration.ofSeconds(20));
        service.rescoreOpenLeads();
        service.rescoreOpenLeads();

        assertThat(store.openDue).as("now, then once more a minute after the first, for both later requests")
                .containsExactly(T0, T0.plusSeconds(60));
        clock.advance(java.time.Duration.ofMinutes(5));
        service.rescoreOpenLeads();
        assertThat(store.openDue).hasSize(3).last().isEqualTo(clock.instant());
    }

    private EnrichmentService service(EnrichmentSettings settings) {
        return new EnrichmentService(leads, store, providers, settings, Clock.fixed(T0, ZoneOffset.UTC), writeback);
    }

    private static final class MemoryStore implements EnrichmentStore {
        final Map<LeadId, Map<String, String>> values = new HashMap<>();
        final Map<LeadId, Map<String, Provenance>> provenance = new HashMap<>();
        final Map<LeadId, Integer> score = new HashMap<>();
        final List<ProviderScore> scores = new ArrayList<>();
        final List<ProviderFailure> failures = new ArrayList<>();

        @Override
        public List<LeadId> pending(int limit, Instant now, Instant staleBefore) {
            return List.of();
        }

        @Override
        public List<LeadId> neverEnriched(List<LeadId> leads) {
            return leads.stream().filter(l -> !score.containsKey(l)).toList();
        }

        @Override
        public void due(List<LeadId> leads, Instant at) {
            // the tests here process leads by hand
        }

        final List<Instant> openDue = new ArrayList<>();

        @Override
        public int dueOpen(Instant at) {
            openDue.add(at);
            return 0;
        }

        @Override
        public ActivitySummary activity(LeadId lead) {
            return ActivitySummary.none();
        }

        @Override
        public Map<String, Provenance> provenance(LeadId lead) {
            return provenance.getOrDefault(lead, Map.of());
        }

        @Override
        public void save(LeadId lead, Map<String, String> v, List<Provenance> changed, Integer s, List<ProviderScore> ps,
                         List<ProviderFailure> f, Instant at) {
            values.put(lead, v);
            changed.forEach(p -> provenance.computeIfAbsent(lead, k -> new HashMap<>()).put(p.field(), p));
            score.put(lead, s);
            scores.addAll(ps);
            failures.addAll(f);
        }

        @Override
        public List<Lead> decided(int max) {
            return List.of();
        }

        @Override
        public LeadInsight insight(LeadId lead) {
            return new LeadInsight(List.copyOf(provenance(lead).values()), score.get(lead), scores, failures);
        }
    }
}
