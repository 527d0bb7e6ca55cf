package dev.leadline.db;

import static dev.leadline.core.testing.LeadDataBuilder.aLead;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.testing.MutableClock;
import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.NewLead;
import dev.leadline.core.qualification.ContactChannel;
import dev.leadline.core.sla.SpeedToLeadReport;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.RepSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpeedToLeadOnMariaDbTest {

    @Test
    void mediansAndNinetiethPercentilesOfTimeToClaimAndFirstTouchPerRep() {
        Instant t0 = Instant.parse("2026-11-02T09:00:00Z");
        MutableClock clock = new MutableClock(t0);
        try (TestDesk desk = new TestDesk(clock)) {
            desk.team.apply(List.of(new RepSpec("jane@example.com", "Jane", null, null, null, true, "REP", Map.of()),
                    new RepSpec("mia@example.com", "Mia", null, null, null, true, "MANAGER", Map.of())),
                    List.of(new QueueSpec("Inbound", null, List.of("jane@example.com"))), Actor.cli("test"));
            Rep jane = desk.team.repByEmail("jane@example.com").orElseThrow();
            Rep mia = desk.team.repByEmail("mia@example.com").orElseThrow();
            for (int minutes : new int[] {1, 2, 3, 4, 10}) {
                Lead lead = desk.leads.insert(new NewLead(aLead().with(LeadField.SOURCE, "Web").build(), null, null, clock.instant()));
                desk.claims.offer(lead.id(), mia, desk.team.queueByName("Inbound").orElseThrow(), null);
                clock.advance(Duration.ofMinutes(minutes));
                desk.claims.claim(lead.id(), jane);
                clock.advance(Duration.ofMinutes(1));
                desk.qualification.logContact(lead.id(), jane, ContactChannel.CALL, false, null);
            }

            var rows = new SpeedToLeadReport(new JooqSpeedSamples(desk.database.dsl()), desk.team)
                    .report(t0, t0.plus(Duration.ofDays(1)), SpeedToLeadReport.By.REP);

            assertThat(rows).singleElement().satisfies(row -> {
                assertThat(row.group()).isEqualTo("Jane");
                assertThat(row.leads()).isEqualTo(5);
                assertThat(row.medianToClaim()).contains(Duration.ofMinutes(3));
                assertThat(row.p90ToClaim()).contains(Duration.ofMinutes(10));
                assertThat(row.medianToFirstTouch()).contains(Duration.ofMinutes(4));
            });
        }
    }
}
