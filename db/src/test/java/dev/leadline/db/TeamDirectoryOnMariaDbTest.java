package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.REP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.testing.MutableClock;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.RepSpec;
import dev.leadline.core.team.TeamService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rep and queue look-ups are served from memory: changes made here show at once, changes from other nodes within seconds. */
class TeamDirectoryOnMariaDbTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));

    @Test
    void changesThroughThisNodeShowAtOnceAndChangesFromAnotherNodeWithinTheDirectoryAge() {
        try (TestDesk desk = new TestDesk(clock)) {
            desk.team.apply(List.of(rep("Jane Rivera", true)), List.of(), Actor.cli("test"));
            Rep jane = desk.team.repByEmail("jane@example.com").orElseThrow();
            assertThat(jane.name()).isEqualTo("Jane Rivera");

            desk.team.apply(List.of(rep("Jane Doe", true)), List.of(), Actor.cli("test"));
            assertThat(desk.team.rep(jane.id()).orElseThrow().name()).as("changed here: seen at once").isEqualTo("Jane Doe");

            desk.database.dsl().update(REP).set(REP.ACTIVE, false).where(REP.ID.eq(jane.id())).execute();
            assertThat(desk.team.rep(jane.id()).orElseThrow().active()).as("changed by another node: not yet").isTrue();
            clock.advance(TeamService.DIRECTORY_MAX_AGE.plus(Duration.ofSeconds(1)));
            assertThat(desk.team.rep(jane.id()).orElseThrow().active()).as("after the directory age").isFalse();
        }
    }

    @Test
    void aRepAddedByAnotherNodeIsFoundAtOnce() {
        try (TestDesk desk = new TestDesk(clock)) {
            desk.team.apply(List.of(rep("Jane Rivera", true)), List.of(), Actor.cli("test"));
            assertThat(desk.team.repByEmail("jane@example.com")).isPresent();
            TeamService otherNode = new TeamService(new JooqTransactor(desk.database.dsl()), new JooqRepRepository(desk.database.dsl()),
                    new JooqQueueRepository(desk.database.dsl()), desk.audit, clock);
            otherNode.apply(List.of(new RepSpec("omar@example.com", "Omar", null, null, null, true, "REP", Map.of())), List.of(),
                    Actor.cli("test"));

            assertThat(desk.team.repByEmail("omar@example.com")).isPresent();
        }
    }

    private static RepSpec rep(String name, boolean active) {
        return new RepSpec("jane@example.com", name, null, null, null, active, "REP", Map.of());
    }
}
