package dev.leadline.core.routing;

import static dev.leadline.core.routing.RoutingFixture.assignee;
import static dev.leadline.core.routing.RoutingFixture.rep;
import static dev.leadline.core.testing.LeadDataBuilder.aLead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import dev.leadline.core.team.WorkingHours;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Property-style checks of queue distribution over many simulated leads. */
class FairDistributionTest {
    private static final LeadData LEAD = aLead().build();
    private final RoutingFixture f = new RoutingFixture();

    private void queue(String strategy, Map<String, Integer> weights, QueueSpec.CapsSpec caps, QueueSpec.FallbackSpec fallback,
                       List<RepSpec> reps) {
        f.apply(reps, List.of(new QueueSpec("Inbound", null, reps.stream().map(RepSpec::email).toList(), Map.of(), strategy, weights,
                caps, fallback)));
    }

    private Map<Long, Integer> route(int leads, Duration apart) {
        Map<Long, Integer> got = new HashMap<>();
        for (int i = 0; i < leads; i++) {
            Long rep = assignee(f.distribute("Inbound", LEAD, Set.of()));
            if (rep != null) {
                got.merge(rep, 1, Integer::sum);
            }
            f.clock.advance(apart);
        }
        return got;
    }

    @Test
    void weightsOf200And100And100Split60LeadsExactly30And15And15() {
        queue("weighted", Map.of("a@x.com", 200, "b@x.com", 100, "c@x.com", 100), null, null,
                List.of(rep("a@x.com", null, "UTC"), rep("b@x.com", null, "UTC"), rep("c@x.com", null, "UTC")));

        Map<Long, Integer> got = route(60, Duration.ofMinutes(1));

        assertThat(got).containsEntry(f.rep("a@x.com").id(), 30).containsEntry(f.rep("b@x.com").id(), 15)
                .containsEntry(f.rep("c@x.com").id(), 15);
    }

    @Test
    void over10000LeadsWeightedSharesStayWithinTwoPercentOfTheWeights() {
        queue("weighted", Map.of("a@x.com", 300, "b@x.com", 200, "c@x.com", 100, "d@x.com", 50), null, null,
                List.of(rep("a@x.com", null, "UTC"), rep("b@x.com", null, "UTC"), rep("c@x.com", null, "UTC"), rep("d@x.com", null, "UTC")));

        Map<Long, Integer> got = route(10_000, Duration.ofSeconds(30));

        double total = 650;
        assertThat(got.get(f.rep("a@x.com").id()) / 10_000.0).isCloseTo(300 / total, within(0.02));
        assertThat(got.get(f.rep("b@x.com").id()) / 10_000.0).isCloseTo(200 / total, within(0.02));
        assertThat(got.get(f.rep("c@x.com").id()) / 10_000.0).isCloseTo(100 / total, within(0.02));
        assertThat(got.get(f.rep("d@x.com").id()) / 10_000.0).isCloseTo(50 / total, within(0.02));
    }

    @Test
    void noRepOutsideTheirWorkingHoursIsEverChosen() {
        List<RepSpec> reps = List.of(rep("ny@x.com", "MON-FRI 09:00-17:00", "America/New_York"),
                rep("berlin@x.com", "MON-FRI 08:00-16:00", "Europe/Berlin"),
                rep("tokyo@x.com", "MON-THU 09:00-18:00; FRI 09:00-12:00", "Asia/Tokyo"),
                rep("weekend@x.com", "SAT-SUN 10:00-20:00", "UTC"));
        queue("round-robin", null, null, null, reps);
        Random random = new Random(42);
        int assigned = 0;
        int held = 0;
        for (int i = 0; i < 10_000; i++) {
            f.clock.advance(Duration.ofMinutes(1 + random.nextInt(12)));
            RoutingDecision decision = f.distribute("Inbound", LEAD, Set.of());
            Long chosen = assignee(decision);
            if (chosen == null) {
                held++;
                assertThat(decision.outcome()).isInstanceOf(RoutingDecision.Outcome.Hold.class);
                assertThat(reps).noneMatch(r -> working(r, f.clock.instant()));
                continue;
            }
            assigned++;
            RepSpec spec = reps.stream().filter(r -> r.email().equals(f.team.rep(chosen).orElseThrow().email())).findFirst().orElseThrow();
            assertThat(working(spec, f.clock.instant())).as("%s at %s", spec.email(), f.clock.instant()).isTrue();
        }
        assertThat(assigned).isGreaterThan(3_000);
        assertThat(held).isGreaterThan(100);
    }

    private static boolean working(RepSpec rep, Instant at) {
        return WorkingHours.parse(rep.workingHours(), "hours").isWorking(at, ZoneId.of(rep.timeZone()));
    }

    @Test
    void capsPerRepAndPerQueueAreNeverExceededAndTheRestGoesToTheFallback() {
        List<RepSpec> reps = List.of(rep("a@x.com", null, "UTC"), rep("b@x.com", null, "UTC"), rep("c@x.com", null, "UTC"),
                rep("d@x.com", null, "UTC"), rep("e@x.com", null, "UTC"));
        f.apply(reps, List.of(new QueueSpec("Overflow", null, List.of("e@x.com"))));
        queue("round-robin", null, new QueueSpec.CapsSpec(new QueueSpec.Limits(3, 12, null), new QueueSpec.Limits(10, null, null),
                "Europe/Berlin"), new QueueSpec.FallbackSpec("Overflow", null, null), reps.subList(0, 4));
        Map<String, Integer> perRepDay = new HashMap<>();
        Map<String, Integer> perRepWeek = new HashMap<>();
        Map<LocalDate, Integer> perDay = new HashMap<>();
        Random random = new Random(7);
        int overflow = 0;
        for (int i = 0; i < 3_000; i++) {
            f.clock.advance(Duration.ofMinutes(random.nextInt(40)));
            RoutingDecision decision = f.distribute("Inbound", LEAD, Set.of());
            LocalDate day = f.clock.instant().atZone(ZoneId.of("Europe/Berlin")).toLocalDate();
            if (decision.outcome() instanceof RoutingDecision.Outcome.Offer o) {
                assertThat(o.queueId()).isEqualTo(f.queue("Overflow").id());
                overflow++;
                continue;
            }
            long rep = assignee(decision);
            assertThat(rep).isNotEqualTo(f.rep("e@x.com").id());
            perDay.merge(day, 1, Integer::sum);
            perRepDay.merge(rep + "@" + day, 1, Integer::sum);
            perRepWeek.merge(rep + "@" + Periods.of(f.clock.instant(), ZoneId.of("Europe/Berlin")).week(), 1, Integer::sum);
        }
        assertThat(perRepDay.values()).allMatch(n -> n <= 3);
        assertThat(perRepWeek.values()).allMatch(n -> n <= 12);
        assertThat(perDay.values()).allMatch(n -> n <= 10);
        assertThat(perDay.values()).contains(10);
        assertThat(overflow).isGreaterThan(1_000);
    }

    @Test
    void aRepBackFromAnAbsenceGetsTheirShareFromThenOnWithoutACatchUpBurst() {
        List<RepSpec> reps = List.of(rep("a@x.com", null, "UTC"), rep("b@x.com", null, "UTC"), rep("c@x.com", null, "UTC"));
        queue("round-robin", null, null, null, reps);
        var away = f.rep("c@x.com");
        f.team.setAvailability(away, false, f.clock.instant(), f.clock.instant().plus(Duration.ofDays(3)), Actor.SYSTEM);
        route(3_000, Duration.ofMinutes(1));
        f.clock.set(f.clock.instant().plus(Duration.ofDays(4)));

        Map<Long, Integer> firstThirty = route(30, Duration.ofMinutes(1));
        Map<Long, Integer> window = route(3_000, Duration.ofMinutes(1));

        assertThat(firstThirty.get(away.id())).isBetween(9, 11);
        assertThat(window.get(away.id()) / 3_000.0).isCloseTo(1 / 3.0, within(0.02));
    }

    @Test
    void aNewMemberStartsLevelAndNobodysPlaceIsReset() {
        List<RepSpec> three = List.of(rep("a@x.com", null, "UTC"), rep("b@x.com", null, "UTC"), rep("c@x.com", null, "UTC"));
        queue("round-robin", null, null, null, three);
        route(1_000, Duration.ofMinutes(1));
        List<RepSpec> four = List.of(three.get(0), three.get(1), three.get(2), rep("d@x.com", null, "UTC"));
        queue("round-robin", null, null, null, four);

        Map<Long, Integer> firstEight = route(8, Duration.ofMinutes(1));
        Map<Long, Integer> window = route(4_000, Duration.ofMinutes(1));

        assertThat(firstEight.get(f.rep("d@x.com").id())).isBetween(1, 3);
        three.forEach(r -> assertThat(firstEight.get(f.rep(r.email()).id())).isBetween(1, 3));
        four.forEach(r -> assertThat(window.get(f.rep(r.email()).id()) / 4_000.0).isCloseTo(0.25, within(0.02)));
    }

    @Test
    void leastLoadedGivesTheLeadToTheMemberWithFewestOpenLeads() {
        queue("least-loaded", null, null, null, List.of(rep("a@x.com", null, "UTC"), rep("b@x.com", null, "UTC"), rep("c@x.com", null, "UTC")));
        f.state.openLeads.put(f.rep("a@x.com").id(), 5);
        f.state.openLeads.put(f.rep("b@x.com").id(), 2);
        f.state.openLeads.put(f.rep("c@x.com").id(), 4);

        Map<Long, Integer> got = route(4, Duration.ofMinutes(1));

        assertThat(got).containsEntry(f.rep("b@x.com").id(), 3).containsEntry(f.rep("c@x.com").id(), 1).doesNotContainKey(f.rep("a@x.com").id());
    }

    @Test
    void reassignmentSkipsEveryoneWhoHadTheLeadUnlessNobodyElseIsAvailable() {
        queue("round-robin", null, null, null, List.of(rep("a@x.com", null, "UTC"), rep("b@x.com", null, "UTC"), rep("c@x.com", null, "UTC")));
        long a = f.rep("a@x.com").id();
        long b = f.rep("b@x.com").id();
        long c = f.rep("c@x.com").id();

        for (int i = 0; i < 20; i++) {
            assertThat(assignee(f.distribute("Inbound", LEAD, Set.of(a, b)))).isEqualTo(c);
        }
        f.team.setAvailability(f.rep("c@x.com"), true, null, null, Actor.SYSTEM);
        RoutingDecision onlyThoseWhoHadIt = f.distribute("Inbound", LEAD, Set.of(a, b));
        assertThat(assignee(onlyThoseWhoHadIt)).isIn(a, b);
        assertThat(onlyThoseWhoHadIt.explanation().queues().get(0).candidates())
                .anyMatch(n -> n.repId() == c && n.verdict().equals("skipped") && n.reason().equals("paused"));
    }

    @Test
    void whenEveryMemberIsAwayTheLeadIsHeldAndTheExplanationSaysWhy() {
        queue("round-robin", null, null, null, List.of(rep("a@x.com", "MON-FRI 09:00-17:00", "UTC"), rep("b@x.com", null, "UTC")));
        f.team.setAvailability(f.rep("b@x.com"), true, null, null, Actor.SYSTEM);
        f.clock.set(Instant.parse("2026-12-05T12:00:00Z")); // a Saturday

        RoutingDecision decision = f.distribute("Inbound", LEAD, Set.of());

        assertThat(decision.outcome()).isEqualTo(new RoutingDecision.Outcome.Hold(f.queue("Inbound").id(),
                "nobody available (1 outside working hours, 1 paused)"));
        assertThat(decision.explanation().outcome()).isEqualTo("held in Inbound for a manager: nobody available (1 outside working hours, 1 paused)");
    }
}
