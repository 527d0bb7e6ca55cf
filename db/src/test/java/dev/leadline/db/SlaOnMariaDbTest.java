package dev.leadline.db;

import dev.leadline.core.notify.CardAction;
import static dev.leadline.core.testing.LeadDataBuilder.aLead;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.testing.MutableClock;
import dev.leadline.core.activity.ActivityType;
import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.NewLead;
import dev.leadline.core.notify.Destination;
import dev.leadline.core.notify.Notification;
import dev.leadline.core.sla.SlaPolicy;
import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.RepSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SLA clocks: reminders, reassignment that never returns the lead to someone who had it, manager alerts. */
class SlaOnMariaDbTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private TestDesk desk;
    private Rep jane;
    private Rep omar;
    private Rep mia;
    private LeadQueue inbound;

    @BeforeEach
    void setUp() {
        desk = new TestDesk(clock);
        desk.team.apply(List.of(new RepSpec("jane@example.com", "Jane", null, null, null, true, "REP", Map.of()),
                new RepSpec("omar@example.com", "Omar", null, null, null, true, "REP", Map.of()),
                new RepSpec("mia@example.com", "Mia", null, null, null, true, "MANAGER", Map.of())),
                List.of(new QueueSpec("Inbound", null, List.of("jane@example.com", "omar@example.com"))), Actor.cli("test"));
        jane = desk.team.repByEmail("jane@example.com").orElseThrow();
        omar = desk.team.repByEmail("omar@example.com").orElseThrow();
        mia = desk.team.repByEmail("mia@example.com").orElseThrow();
        inbound = desk.team.queueByName("Inbound").orElseThrow();
        desk.slaPolicies.set(inbound.id(), Optional.of(SlaPolicy.parse("sla", List.of(
                new SlaPolicy.StepSpec("5m", "remind"), new SlaPolicy.StepSpec("15m", "remind"),
                new SlaPolicy.StepSpec("30m", "reassign"), new SlaPolicy.StepSpec("60m", "alert-manager")), List.of("claim", "contact"))));
    }

    @AfterEach
    void tearDown() {
        desk.close();
    }

    @Test
    void anUntouchedOfferIsRemindedAndAClaimStopsTheClock() {
        Lead lead = offered();
        clock.advance(Duration.ofMinutes(6));
        assertThat(desk.slaSweep.run(100)).isEqualTo(1);
        assertThat(reminders()).singleElement().satisfies(n -> {
            assertThat(n.destination()).isEqualTo(Destination.queue(inbound.id()));
            assertThat(n.card().status()).isEqualTo("Reminder: untouched 6 m since it arrived");
        });

        desk.claims.claim(lead.id(), jane);
        clock.advance(Duration.ofMinutes(30));
        assertThat(desk.slaSweep.run(100)).isZero();
    }

    @Test
    void anUntouchedLeadIsReassignedToSomeoneWhoHasNotHadItThenManagersAreAlerted() {
        Lead lead = offered();
        desk.claims.assign(lead.id(), mia, jane, "start with Jane");
        clock.advance(Duration.ofMinutes(31));
        drain();
        assertThat(owner(lead.id())).isEqualTo(omar.id());

        clock.advance(Duration.ofMinutes(61));
        drain();
        assertThat(owner(lead.id())).as("nobody else in the queue: Omar keeps it").isEqualTo(omar.id());
        assertThat(desk.outbox.withStatus("PENDING")).filteredOn(n -> n.destination() != null
                && n.destination().equals(Destination.rep(mia.id())) && n.card().status().startsWith("SLA alert")).isNotEmpty();
        assertThat(desk.timeline.forLead(lead.id(), 50)).filteredOn(a -> a.type() == ActivityType.ASSIGNED)
                .extracting(a -> a.actor().toString()).contains("system:sla");
        assertThat(desk.slaSweep.run(100)).as("the clock stopped after the last step").isZero();
    }

    /**
     * What the SLA leaves behind is what reports count from: the first offer and the first claim stay
     * as they happened (an assignment is not a claim), every step that acted is on the timeline, and
     * managers hear of one breach once, told how long since the lead arrived and since it moved.
     */
    @Test
    void theSlaKeepsTheLeadsHistoryAndAlertsManagersOncePerBreach() {
        Lead lead = offered();
        desk.claims.assign(lead.id(), mia, jane, "start with Jane");
        clock.advance(Duration.ofMinutes(31));
        drain();
        clock.advance(Duration.ofMinutes(61));
        drain();

        Lead now = desk.leads.find(lead.id()).orElseThrow();
        assertThat(now.ownerRepId()).isEqualTo(omar.id());
        assertThat(now.stage().offeredAt()).as("first offer").isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
        assertThat(now.stage().claimedAt()).as("nobody claimed it: it was assigned, then reassigned").isNull();
        assertThat(now.stage().assignedAt()).as("with Omar since the reassignment").isEqualTo(Instant.parse("2026-11-23T09:31:00Z"));
        assertThat(desk.outbox.withStatus("PENDING")).filteredOn(n -> Destination.rep(mia.id()).equals(n.destination())
                && n.card().status().startsWith("SLA alert")).singleElement()
                .satisfies(n -> assertThat(n.card().status()).isEqualTo("SLA alert: nobody else could take it; untouched 1 h 32 m since it"
                        + " arrived; 1 h 1 m with Omar"));
        assertThat(desk.timeline.forLead(lead.id(), 50)).filteredOn(a -> a.type() == ActivityType.SLA).extracting(a -> a.summary())
                .containsExactly(
                        "SLA reassignment found nobody else to take it; managers alerted: untouched 1 h 32 m since it arrived; 1 h 1 m with Omar",
                        // the sweep ran once after each hour's wait: every step due then says how long it had been
                        "SLA reminder to Omar: untouched 1 h 32 m since it arrived; 1 h 1 m with Omar",
                        "SLA reminder to Omar: untouched 1 h 32 m since it arrived; 1 h 1 m with Omar",
                        "SLA reminder to Jane: untouched 31 m since it arrived",
                        "SLA reminder to Jane: untouched 31 m since it arrived");
        java.time.LocalDateTime lastActivity = desk.database.dsl().select(dev.leadline.db.jooq.Tables.SALES_LEAD.LAST_ACTIVITY_AT)
                .from(dev.leadline.db.jooq.Tables.SALES_LEAD).where(dev.leadline.db.jooq.Tables.SALES_LEAD.ID.eq(lead.id().value())).fetchOne().value1();
        assertThat(Times.fromDb(lastActivity)).as("the SLA's own entries are not activity on the lead: the reassignment was the last")
                .isEqualTo(Instant.parse("2026-11-23T09:31:00Z"));
    }

    @Test
    void aClaimIsKeptAsTheFirstClaimWhenTheLeadMovesOn() {
        Lead lead = offered();
        clock.advance(Duration.ofMinutes(2));
        desk.claims.claim(lead.id(), jane);
        clock.advance(Duration.ofMinutes(1));
        desk.claims.release(lead.id(), jane);
        clock.advance(Duration.ofMinutes(1));
        desk.claims.claim(lead.id(), omar);

        Lead now = desk.leads.find(lead.id()).orElseThrow();
        assertThat(now.stage().offeredAt()).isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
        assertThat(now.stage().claimedAt()).as("Jane's claim").isEqualTo(Instant.parse("2026-11-23T09:02:00Z"));
        assertThat(now.stage().assignedAt()).as("Omar's").isEqualTo(Instant.parse("2026-11-23T09:04:00Z"));
    }

    @Test
    void withBusinessHoursAnOfferLateOnFridayIsDueOnMondayMorning() {
        desk.slaPolicies.set(inbound.id(), Optional.of(SlaPolicy.parse("sla", List.of(new SlaPolicy.StepSpec("5m", "remind")),
                List.of(), "MON-FRI 09:00-17:00", "Europe/Berlin")));
        clock.set(Instant.parse("2026-11-27T15:58:00Z"));
        offered();

        clock.set(Instant.parse("2026-11-28T12:00:00Z"));
        assertThat(desk.slaSweep.run(100)).as("Saturday noon: only 2 working minutes have passed").isZero();
        clock.set(Instant.parse("2026-11-30T08:02:00Z"));
        assertThat(desk.slaSweep.run(100)).as("Monday 09:02 Berlin: 4 working minutes").isZero();
        clock.set(Instant.parse("2026-11-30T08:03:00Z"));
        assertThat(desk.slaSweep.run(100)).isEqualTo(1);
        assertThat(reminders()).singleElement().satisfies(n -> assertThat(n.card().status()).isEqualTo("Reminder: untouched 5 m since it arrived"));
    }

    @Test
    void theOfferCardSaysWhenTheLeadMustBeTouchedAndLinksToTheCrm() {
        Lead lead = offered();
        assertThat(desk.outbox.withStatus("PENDING")).filteredOn(n -> n.kind() == Notification.Kind.POST).singleElement()
                .satisfies(n -> assertThat(n.card().fields()).contains(new dev.leadline.core.notify.Card.Field("Respond by", "09:05 UTC (in 5 min)")));

        var withCrm = new dev.leadline.core.notify.CardAnnouncer(desk.outbox, desk.team, desk.slaPolicies,
                Optional.of("https://crm.example.com/leads/{id}"));
        assertThat(withCrm.card(desk.leads.find(lead.id()).orElseThrow(), null).actions())
                .contains(new CardAction.Open("Open in CRM", "https://crm.example.com/leads/" + lead.id()));
    }

    private void drain() {
        for (int i = 0; i < 10 && desk.slaSweep.run(100) > 0; i++) {
            // each run takes the steps that are due now
        }
    }

    private long owner(LeadId id) {
        return desk.leads.find(id).orElseThrow().ownerRepId();
    }

    private List<Notification> reminders() {
        return desk.outbox.withStatus("PENDING").stream().filter(n -> n.card().status() != null && n.card().status().startsWith("Reminder"))
                .toList();
    }

    private Lead offered() {
        Lead lead = desk.leads.insert(new NewLead(aLead().build(), null, null, clock.instant()));
        desk.journal.created(List.of(lead), ActivityType.CREATED, Actor.cli("test"), "Created");
        desk.claims.offer(lead.id(), mia, inbound, null);
        return lead;
    }
}
