package dev.leadline.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadline.core.common.ConcurrentUpdateException;
import dev.leadline.core.dedupe.Identifiers;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadStatus;
import dev.leadline.core.lead.NewLead;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Merges in MariaDB: many leads marked merged in one write, each at its version. */
class MergesOnMariaDbTest {
    private final Database database = TestDatabases.fresh();
    private final JooqLeadRepository leads = new JooqLeadRepository(database.dsl(), Identifiers.NONE);
    private final JooqMerges merges = new JooqMerges(database.dsl());

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void leadsAreMarkedMergedIntoEachTheirSurvivorOrNoneIsWhenOneChangedMeanwhile() {
        List<Lead> stored = leads.insertAll(List.of(lead("Ada"), lead("Grace"), lead("Alan"), lead("Edsger")));
        Lead ada = stored.get(0);
        Lead grace = stored.get(1);
        Map<LeadId, LeadId> survivorOf = Map.of(stored.get(2).id(), ada.id(), stored.get(3).id(), grace.id());
        leads.updateStage(stored.get(3), stored.get(3).stage().withStatus(LeadStatus.ATTEMPTED, null), Instant.now()); // Edsger moves on

        assertThatThrownBy(() -> new JooqTransactor(database.dsl()).inTransaction(() ->
                merges.markMerged(List.of(stored.get(2), stored.get(3)), survivorOf, Instant.now()))).isInstanceOf(ConcurrentUpdateException.class)
                .hasMessageContaining(stored.get(3).id().toString());
        assertThat(leads.find(stored.get(2).id()).orElseThrow().status()).as("rolled back with the rest").isEqualTo(LeadStatus.NEW);

        merges.markMerged(List.of(stored.get(2), leads.find(stored.get(3).id()).orElseThrow()), survivorOf, Instant.now());
        assertThat(leads.find(stored.get(2).id()).orElseThrow().stage().statusReason()).isEqualTo(ada.id().toString());
        assertThat(leads.find(stored.get(3).id()).orElseThrow().stage().statusReason()).isEqualTo(grace.id().toString());
        assertThat(leads.find(stored.get(3).id()).orElseThrow().status()).isEqualTo(LeadStatus.MERGED);
    }

    private static NewLead lead(String name) {
        return new NewLead(new LeadData(Map.of(LeadField.FIRST_NAME, name, LeadField.LAST_NAME, "Tester"), Map.of()), null, null, Instant.now());
    }
}
