package dev.leadline.core.lead;

import static dev.leadline.core.testing.LeadDataBuilder.aLead;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.testing.LeadDataBuilder;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeadSnapshotTest {
    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
    private static final Lead NEW = new Lead(new LeadId(7), aLead().with(LeadField.COMPANY, "Acme").build(), LeadStage.fresh(), null,
            Map.of(), T0, T0, 1);

    @Test
    void aChangeKeepsOnlyWhatItChanged() {
        Lead assigned = new Lead(NEW.id(), NEW.data(), NEW.stage().offeredTo(3, T0).ownedBy(11, T0), null, Map.of(), T0, T0, 2);

        LeadSnapshot.Delta delta = LeadSnapshot.changes(NEW, assigned);

        assertThat(delta.after()).containsOnly(Map.entry("queueId", "3"), Map.entry("ownerRepId", "11"), Map.entry("offeredAt", T0.toString()),
                Map.entry("assignedAt", T0.toString()), Map.entry("version", "2"));
        assertThat(delta.before()).containsOnly(Map.entry("queueId", ""), Map.entry("ownerRepId", ""), Map.entry("offeredAt", ""),
                Map.entry("assignedAt", ""), Map.entry("version", "1"));
        assertThat(LeadSnapshot.of(assigned)).containsEntry("company", "Acme");
    }

    @Test
    void aClearedValueIsEmptyAfter() {
        Lead owned = new Lead(NEW.id(), NEW.data(), NEW.stage().ownedBy(11, T0), null, Map.of(), T0, T0, 2);
        LeadData withoutCompany = new LeadDataBuilder().with(LeadField.LAST_NAME, "Lovelace").build();
        Lead released = new Lead(NEW.id(), withoutCompany, owned.stage().released(T0), null, Map.of(), T0, T0, 3);

        LeadSnapshot.Delta delta = LeadSnapshot.changes(owned, released);

        assertThat(delta.before()).containsEntry("ownerRepId", "11").containsEntry("company", "Acme").containsEntry("firstName", "Ada");
        assertThat(delta.after()).containsEntry("ownerRepId", "").containsEntry("company", "").containsEntry("firstName", "")
                .doesNotContainKey("status").doesNotContainKey("lastName");
    }
}
