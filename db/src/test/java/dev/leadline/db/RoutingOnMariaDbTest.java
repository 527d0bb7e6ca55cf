package dev.leadline.db;

import static dev.leadline.core.testing.LeadDataBuilder.aLead;
import static dev.leadline.db.jooq.Tables.SALES_LEAD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.NewLead;
import dev.leadline.core.routing.RoutingStore;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import dev.leadline.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Routing's waiting list and queue state on a real MariaDB. */
class RoutingOnMariaDbTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
    private TestDesk desk;
    private JooqRoutingStore store;

    @BeforeEach
    void open() {
        desk = new TestDesk(clock);
        store = desk.routing.store();
        desk.team.apply(List.of(new RepSpec("jane@example.com", "Jane", null, null, null, true, "REP", Map.of()),
                        new RepSpec("omar@example.com", "Omar", null, null, null, true, "REP", Map.of())),
                List.of(new QueueSpec("Inbound", null, List.of("jane@example.com", "omar@example.com"), Map.of(), "round-robin", null,
                        new QueueSpec.CapsSpec(new QueueSpec.Limits(1, null, null), null, null), null)), Actor.SYSTEM);
    }

    @AfterEach
    void close() {
        desk.close();
    }

    private Lead waiting() {
        Lead lead = desk.leads.insert(new NewLead(aLead().build(), null, null, clock.instant()));
        desk.database.dsl().update(SALES_LEAD).setNull(SALES_LEAD.ENRICHED_AT).where(SALES_LEAD.ID.eq(lead.id().value())).execute();
        store.enqueue(List.of(lead.id()), "api", clock.instant());
        return lead;
    }

    @Test
    void aLeadWaitsForItsEnrichmentUntilTheWaitIsOverAndIsDueAtOnceWhenNobodyEnriches() {
        Lead lead = waiting();

        assertThat(store.due(10, clock.instant(), null)).extracting(RoutingStore.Pending::lead).containsExactly(lead.id());
        assertThat(store.due(10, clock.instant(), clock.instant().minusSeconds(2))).as("still waiting for enrichment").isEmpty();

        clock.advance(Duration.ofSeconds(3));
        assertThat(store.due(10, clock.instant(), clock.instant().minusSeconds(2))).as("waited long enough").hasSize(1);

        Lead enriched = waiting();
        desk.database.dsl().update(SALES_LEAD).set(SALES_LEAD.ENRICHED_AT, Times.toDb(clock.instant()))
                .where(SALES_LEAD.ID.eq(enriched.id().value())).execute();
        assertThat(store.due(10, clock.instant(), clock.instant().minusSeconds(2))).extracting(RoutingStore.Pending::lead)
                .containsExactly(lead.id(), enriched.id());
    }

    @Test
    void aLeasedLeadIsNotDueAndCannotBeLeasedAgainUntilTheLeaseEnds() {
        Lead lead = waiting();
        Instant now = clock.instant();

        assertThat(store.lease(lead.id(), now, now.plusSeconds(30))).isTrue();
        assertThat(store.lease(lead.id(), now, now.plusSeconds(30))).isFalse();
        assertThat(store.due(10, now, null)).isEmpty();
        assertThat(store.lease(lead.id(), now.plusSeconds(31), now.plusSeconds(61))).as("the first holder died").isTrue();
        assertThat(store.take(lead.id())).isTrue();
        assertThat(store.take(lead.id())).isFalse();
    }

    @Test
    void leadsFromTheWaitingListAreRoutedOnceEachWithinTheCapsAndTheRestHeld() {
        desk.routing.rules().save("api", Map.of("default", Map.of("queue", "Inbound")), Actor.SYSTEM);
        Lead first = waiting();
        Lead second = waiting();
        Lead third = waiting();

        assertThat(desk.routing.routing().routePending(10)).isEqualTo(3);
        assertThat(desk.routing.routing().routePending(10)).isZero();

        List<Long> owners = List.of(first, second, third).stream().map(l -> desk.leads.find(l.id()).orElseThrow().ownerRepId()).toList();
        assertThat(owners.subList(0, 2)).containsExactlyInAnyOrder(desk.team.repByEmail("jane@example.com").orElseThrow().id(),
                desk.team.repByEmail("omar@example.com").orElseThrow().id());
        assertThat(owners.get(2)).as("both capped at one a day").isNull();
        assertThat(desk.routing.store().latest(third.id()).orElseThrow().explanation().outcome())
                .isEqualTo("held in Inbound for a manager: nobody available (2 capped)");
        assertThat(desk.leads.find(third.id()).orElseThrow().queueId()).isEqualTo(desk.team.queueByName("Inbound").orElseThrow().id());
    }

    @Test
    void aBatchRoutesLikeOneByOneTakingTurnsWithinTheCapsAndLeavesLeadsAnotherWorkerHolds() {
        desk.team.apply(List.of(new RepSpec("jane@example.com", "Jane", null, null, null, true, "REP", Map.of()),
                        new RepSpec("omar@example.com", "Omar", null, null, null, true, "REP", Map.of()),
                        new RepSpec("zoe@example.com", "Zoe", null, null, null, true, "REP", Map.of())),
                List.of(new QueueSpec("Inbound", null, List.of("jane@example.com", "omar@example.com", "zoe@example.com"), Map.of(),
                        "round-robin", null, new QueueSpec.CapsSpec(new QueueSpec.Limits(5, null, null), null, null), null)), Actor.SYSTEM);
        desk.routing.rules().save("api", Map.of("default", Map.of("queue", "Inbound")), Actor.SYSTEM);
        List<Lead> leads = java.util.stream.IntStream.range(0, 18).mapToObj(i -> waiting()).toList();
        assertThat(store.lease(leads.get(17).id(), clock.instant(), clock.instant().plusSeconds(30))).as("held by another worker").isTrue();

        int routed = desk.routing.routing().routeBatch(store.due(20, clock.instant(), null))
                + desk.routing.routing().routeBatch(store.due(20, clock.instant(), null));

        assertThat(routed).isEqualTo(17);
        Map<Long, Long> perRep = leads.subList(0, 15).stream().map(l -> desk.leads.find(l.id()).orElseThrow().ownerRepId())
                .collect(java.util.stream.Collectors.groupingBy(o -> o, java.util.stream.Collectors.counting()));
        assertThat(perRep).as("five each, in turn").hasSize(3).containsOnlyKeys(
                desk.team.repByEmail("jane@example.com").orElseThrow().id(), desk.team.repByEmail("omar@example.com").orElseThrow().id(),
                desk.team.repByEmail("zoe@example.com").orElseThrow().id()).allSatisfy((rep, count) -> assertThat(count).isEqualTo(5));
        assertThat(leads.subList(15, 17)).allSatisfy(l -> assertThat(desk.leads.find(l.id()).orElseThrow().ownerRepId())
                .as("everyone at their cap of five").isNull());
        assertThat(desk.routing.store().latest(leads.get(16).id()).orElseThrow().explanation().outcome()).contains("3 capped");
        assertThat(desk.leads.find(leads.get(17).id()).orElseThrow().queueId()).as("left to the worker holding it").isNull();
        assertThat(desk.database.dsl().fetchCount(dev.leadline.db.jooq.Tables.ROUTING_TALLY,
                dev.leadline.db.jooq.Tables.ROUTING_TALLY.REP_ID.eq(0L).and(dev.leadline.db.jooq.Tables.ROUTING_TALLY.TAKEN.ge(15))))
                .as("the queue's tallies count every lead the batch handed out").isPositive();
    }

    @Test
    void aBatchWhoseDecisionsCannotBeStoredIsRoutedAgainWithinSecondsNotWhenItsLeasesEnd() {
        desk.routing.rules().save("api", Map.of("default", Map.of("queue", "Inbound")), Actor.SYSTEM);
        List<Lead> leads = java.util.stream.IntStream.range(0, 4).mapToObj(i -> waiting()).toList();
        var dsl = desk.database.dsl();
        dsl.execute("CREATE TRIGGER refuse_decisions BEFORE INSERT ON routing_decision FOR EACH ROW "
                + "SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused for the test'");
        try {
            assertThat(desk.routing.routing().routeBatch(store.due(20, clock.instant(), null))).isZero();
            assertThat(store.due(20, clock.instant(), null)).as("leased by the failed batch a moment longer").isEmpty();
        } finally {
            dsl.execute("DROP TRIGGER refuse_decisions");
        }

        clock.advance(Duration.ofSeconds(3));
        List<RoutingStore.Pending> again = store.due(20, clock.instant(), null);
        assertThat(again).as("due again 3 s later, not 30").hasSize(4);
        assertThat(desk.routing.routing().routeBatch(again)).isEqualTo(4);
        assertThat(leads).allSatisfy(l -> assertThat(desk.leads.find(l.id()).orElseThrow().queueId()).isNotNull());
    }

    @Test
    void releasingALeaseNeverLengthensOne() {
        Lead lead = waiting();
        assertThat(store.lease(lead.id(), clock.instant(), clock.instant().plusSeconds(5))).isTrue();

        store.release(List.of(lead.id()), clock.instant().plusSeconds(60));

        clock.advance(Duration.ofSeconds(6));
        assertThat(store.due(10, clock.instant(), null)).as("its lease ended when it would have").hasSize(1);
    }

    @Test
    void aBatchCountsTheLeadsItHandsOutAgainstEachRepsCapacity() {
        desk.team.apply(List.of(new RepSpec("jane@example.com", "Jane", null, null, 2, true, "REP", Map.of()),
                        new RepSpec("omar@example.com", "Omar", null, null, 2, true, "REP", Map.of()),
                        new RepSpec("zoe@example.com", "Zoe", null, null, 2, true, "REP", Map.of())),
                List.of(new QueueSpec("Inbound", null, List.of("jane@example.com", "omar@example.com", "zoe@example.com"), Map.of(),
                        "least-loaded", null, null, null)), Actor.SYSTEM);
        desk.routing.rules().save("api", Map.of("default", Map.of("queue", "Inbound")), Actor.SYSTEM);
        List<Lead> leads = java.util.stream.IntStream.range(0, 10).mapToObj(i -> waiting()).toList();

        desk.routing.routing().routeBatch(store.due(20, clock.instant(), null));

        Map<Long, Long> perRep = leads.stream().map(l -> desk.leads.find(l.id()).orElseThrow().ownerRepId()).filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.groupingBy(o -> o, java.util.stream.Collectors.counting()));
        assertThat(perRep.values()).as("two each, then everyone is at capacity").containsExactly(2L, 2L, 2L);
        assertThat(leads.stream().filter(l -> desk.leads.find(l.id()).orElseThrow().ownerRepId() == null)).hasSize(4);
    }
}
