package dev.leadline.db;

import static dev.leadline.core.testing.LeadDataBuilder.aLead;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.testing.MutableClock;
import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadService;
import dev.leadline.core.lead.NewLead;
import dev.leadline.core.notify.DailyDigest;
import dev.leadline.core.notify.Destination;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.RepSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DailyDigestOnMariaDbTest {

    @Test
    void eachRepGetsOneDigestAtNineInTheirOwnTimeZoneOnDaysWithSomethingToSay() {
        // 07:30 in Berlin, 08:30 in Helsinki
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T06:30:00Z"));
        try (TestDesk desk = new TestDesk(clock)) {
            desk.team.apply(List.of(new RepSpec("jane@example.com", "Jane", "Europe/Berlin", null, null, true, "MANAGER", Map.of()),
                    new RepSpec("aino@example.com", "Aino", "Europe/Helsinki", null, null, true, "REP", Map.of())), List.of(),
                    Actor.cli("test"));
            Rep jane = desk.team.repByEmail("jane@example.com").orElseThrow();
            Lead lead = desk.leads.insert(new NewLead(aLead().build(), null, null, clock.instant()));
            desk.journal.created(List.of(lead), ActivityType.CREATED, Actor.cli("test"), "Created");
            desk.claims.assign(lead.id(), jane, jane, null);
            DailyDigest digest = new DailyDigest(new JooqTransactor(desk.database.dsl()), desk.team, new LeadService(desk.leads),
                    new JooqDigestLog(desk.database.dsl()), desk.outbox, clock);

            assertThat(digest.run()).as("07:30 in Berlin").isZero();
            clock.advance(Duration.ofMinutes(95));
            assertThat(digest.run()).as("09:05 in Berlin; Aino (10:05) has nothing to do").isEqualTo(1);
            assertThat(digest.run()).as("once a day").isZero();
            assertThat(desk.outbox.withStatus("PENDING")).filteredOn(n -> n.leadId() == null).singleElement().satisfies(n -> {
                assertThat(n.destination()).isEqualTo(Destination.rep(jane.id()));
                assertThat(n.card().fields()).extracting(f -> f.label()).contains("not-contacted");
            });
            clock.advance(Duration.ofDays(1));
            assertThat(digest.run()).as("the next morning").isEqualTo(1);
        }
    }
}
