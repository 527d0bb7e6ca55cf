package dev.leadline.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadline.core.activity.AuditEntry;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import dev.leadline.core.team.TeamService;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TeamServiceOnMariaDbTest {
    private static final Actor CONFIG = new Actor("config", "leadline.yml");
    private static Database database;
    private static TeamService team;
    private static JooqAuditLog audit;

    @BeforeAll
    static void connect() {
        database = TestDatabases.fresh();
        audit = new JooqAuditLog(database.dsl());
        team = new TeamService(new JooqTransactor(database.dsl()), new JooqRepRepository(database.dsl()),
                new JooqQueueRepository(database.dsl()), audit, Clock.systemUTC());
    }

    @AfterAll
    static void disconnect() {
        database.close();
    }

    @Test
    void applyingTheSameTeamTwiceChangesNothingAndEveryChangeIsAudited() {
        RepSpec jane = new RepSpec("Jane@Example.com", "Jane Rivera", "America/New_York", null, 40, true, "REP", Map.of("slack", "U1"));
        QueueSpec inbound = new QueueSpec("Inbound", "first to claim wins", List.of("jane@example.com"));
        team.apply(List.of(jane), List.of(inbound), CONFIG);
        team.apply(List.of(jane), List.of(inbound), CONFIG);
        team.apply(List.of(new RepSpec("jane@example.com", "Jane Rivera-Lopez", "America/New_York", null, 40, true, "MANAGER", Map.of())),
                List.of(inbound), CONFIG);

        assertThat(team.repByEmail("JANE@example.com")).hasValueSatisfying(rep -> {
            assertThat(rep.name()).isEqualTo("Jane Rivera-Lopez");
            assertThat(rep.chatIdentities()).containsEntry("slack", "U1");
        });
        List<AuditEntry> entries = audit.forEntity("rep", "jane@example.com");
        assertThat(entries).extracting(AuditEntry::action).containsExactly("created", "updated");
        assertThat(entries.get(1).before()).containsEntry("role", "REP");
        assertThat(entries.get(1).after()).containsEntry("role", "MANAGER");
        assertThat(audit.forEntity("queue", "Inbound")).extracting(AuditEntry::action).containsExactly("created");
    }

    @Test
    void aBadEntryRejectsTheWholeConfigurationAndChangesNothing() {
        assertThatThrownBy(() -> team.apply(
                List.of(new RepSpec("omar@example.com", "Omar", "Mars/Olympus", null, null, null, "REP", Map.of()),
                        new RepSpec("not-an-email", "X", null, null, null, null, "CEO", Map.of())),
                List.of(), CONFIG))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("reps[0].timeZone")
                .hasMessageContaining("reps[1].email")
                .hasMessageContaining("reps[1].role");
        assertThatThrownBy(() -> team.apply(List.of(new RepSpec("mia@example.com", "Mia", null, null, null, null, null, Map.of())),
                List.of(new QueueSpec("Outbound", null, List.of("ghost@example.com"))), CONFIG))
                .hasMessageContaining("no rep with email ghost@example.com");

        assertThat(team.repByEmail("omar@example.com")).isEmpty();
        assertThat(team.repByEmail("mia@example.com")).as("rolled back with the bad queue").isEmpty();
    }
}
