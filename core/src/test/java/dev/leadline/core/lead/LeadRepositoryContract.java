package dev.leadline.core.lead;

import static dev.leadline.core.testing.LeadDataBuilder.aLead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadline.core.common.ConcurrentUpdateException;
import dev.leadline.core.common.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What every LeadRepository must do; run against the in-memory fake and against MariaDB. */
public abstract class LeadRepositoryContract {
    protected static final Instant T0 = Instant.parse("2026-11-23T09:00:00.123456Z");

    protected abstract LeadRepository repository();

    @Test
    void storedLeadReadsBackWithAllItsFields() {
        LeadData data = aLead().withEmail("Ada@Example.com").with(LeadField.EMPLOYEE_COUNT, "1,200")
                .with(LeadField.STREET, "12 St James's Square").with(LeadField.BIRTH_DATE, "1815-12-10")
                .withCustom("Lead Quality", "High").build();
        Lead stored = repository().insert(new NewLead(data, null, null, T0));

        Lead found = repository().find(stored.id()).orElseThrow();
        assertThat(found).isEqualTo(stored);
        assertThat(found.data().getOrNull(LeadField.EMAIL)).isEqualTo("Ada@Example.com");
        assertThat(found.data().employeeCount()).isEqualTo(1200);
        assertThat(found.data().getOrNull(LeadField.STREET)).isEqualTo("12 St James's Square");
        assertThat(found.data().getOrNull(LeadField.BIRTH_DATE)).isEqualTo("1815-12-10");
        assertThat(found.data().customFields()).containsEntry("Lead Quality", "High");
        assertThat(found.status()).isEqualTo(LeadStatus.NEW);
        assertThat(found.createdAt()).isEqualTo(T0);
    }

    @Test
    void insertAllKeepsTheOrderAndGivesEachLeadItsOwnId() {
        List<NewLead> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(new NewLead(aLead().withExternalId("batch-" + i).build(), "ext:batch-" + i, null, T0));
        }
        List<Lead> stored = repository().insertAll(batch);

        assertThat(stored).extracting(l -> l.data().getOrNull(LeadField.EXTERNAL_ID))
                .containsExactly("batch-0", "batch-1", "batch-2", "batch-3", "batch-4");
        for (Lead lead : stored) {
            assertThat(repository().find(lead.id())).contains(lead);
        }
        assertThat(repository().findAll(List.of(stored.get(1).id(), stored.get(3).id(), new LeadId(987_654_321L))))
                .containsExactlyInAnyOrder(stored.get(1), stored.get(3));
        assertThat(repository().findAll(List.of())).isEmpty();
        assertThat(repository().findByIntakeKeys(List.of("ext:batch-3", "ext:nope")))
                .containsOnlyKeys("ext:batch-3");
    }

    @Test
    void pagesWalkEveryMatchingLeadNewestFirstWithoutRepeats() {
        List<LeadId> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(repository().insert(new NewLead(aLead().with(LeadField.COMPANY, "Pager " + i).build(), null, null, T0)).id());
        }
        List<LeadId> seen = new ArrayList<>();
        Optional<LeadCursor> cursor = Optional.empty();
        do {
            LeadQuery query = LeadQuery.all().withText(Optional.of("pager")).withPage(3, cursor);
            Page<Lead> page = repository().list(query);
            page.items().forEach(l -> seen.add(l.id()));
            cursor = page.nextCursor().map(LeadCursor::decode);
        } while (cursor.isPresent());

        List<LeadId> newestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void emailLookupIgnoresCaseAndNamesTheOldestLead() {
        Lead first = repository().insert(new NewLead(aLead().withEmail("grace@navy.example").build(), null, null, T0));
        repository().insert(new NewLead(aLead().withEmail("GRACE@navy.example").build(), null, null, T0));

        assertThat(repository().findByEmailKeys(List.of("grace@navy.example")))
                .containsEntry("grace@navy.example", first.id());
    }

    @Test
    void updateRefusesAStaleVersion() {
        Lead lead = repository().insert(new NewLead(aLead().build(), null, null, T0));
        LeadData changed = lead.data().overlaidWith(aLead().with(LeadField.TITLE, "CTO").build());
        Lead updated = repository().updateData(lead, changed, T0.plusSeconds(60));

        assertThat(updated.version()).isEqualTo(lead.version() + 1);
        assertThat(updated.data().getOrNull(LeadField.TITLE)).isEqualTo("CTO");
        assertThatThrownBy(() -> repository().updateData(lead, changed, T0.plusSeconds(120)))
                .isInstanceOf(ConcurrentUpdateException.class);
    }

    @Test
    void manyStagesChangeTogetherOrNotAtAll() {
        Lead a = repository().insert(new NewLead(aLead().build(), null, null, T0));
        Lead b = repository().insert(new NewLead(aLead().build(), null, null, T0));
        Instant at = T0.plusSeconds(60);

        List<Lead> moved = repository().updateStages(List.of(a, b),
                List.of(a.stage().withStatus(LeadStatus.DISQUALIFIED, "No budget"), b.stage().touched(at)), at);

        assertThat(moved).extracting(Lead::id).containsExactly(a.id(), b.id());
        assertThat(repository().find(a.id()).orElseThrow().stage().statusReason()).isEqualTo("No budget");
        assertThat(repository().find(b.id()).orElseThrow().stage().firstTouchedAt()).isEqualTo(at);
        assertThat(repository().find(b.id()).orElseThrow().version()).isEqualTo(moved.get(1).version()).isEqualTo(b.version() + 1);

        Lead c = repository().insert(new NewLead(aLead().build(), null, null, T0));
        assertThatThrownBy(() -> repository().updateStages(List.of(c, a), List.of(c.stage().touched(at), a.stage().touched(at)), at))
                .as("a is stale").isInstanceOf(ConcurrentUpdateException.class)
                .hasMessageContaining(a.id().toString());
        assertThat(repository().find(c.id()).orElseThrow().version()).as("c is not changed either").isEqualTo(c.version());
    }
}
