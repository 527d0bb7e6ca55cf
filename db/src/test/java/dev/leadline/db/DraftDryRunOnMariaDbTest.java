package dev.leadline.db;

import static dev.leadline.core.testing.LeadDataBuilder.aLead;
import static dev.leadline.db.jooq.Tables.ROUTING_DECISION;
import static dev.leadline.db.jooq.Tables.ROUTING_MEMBER_STATE;
import static dev.leadline.db.jooq.Tables.ROUTING_QUEUE_STATE;
import static dev.leadline.db.jooq.Tables.ROUTING_TALLY;
import static dev.leadline.db.jooq.Tables.SALES_LEAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadline.core.common.Actor;
import dev.leadline.core.common.FieldError;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.NewLead;
import dev.leadline.core.routing.DraftTrial;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import dev.leadline.core.testing.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jooq.Record;
import org.jooq.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A draft rule set tried on the leads its purpose's rules routed last, on a real MariaDB: counted right, nothing stored. */
class DraftDryRunOnMariaDbTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T10:00:00Z"));
    private TestDesk desk;

    @BeforeEach
    void open() {
        desk = new TestDesk(clock);
        desk.team.apply(List.of(new RepSpec("jane@example.com", "Jane", null, null, null, true, "REP", Map.of()),
                        new RepSpec("omar@example.com", "Omar", null, null, null, true, "REP", Map.of()),
                        new RepSpec("mia@example.com", "Mia", null, null, null, true, "REP", Map.of())),
                List.of(new QueueSpec("Inbound", null, List.of("jane@example.com", "omar@example.com"), Map.of(), "round-robin", null, null, null),
                        new QueueSpec("Enterprise", null, List.of("mia@example.com"), Map.of(), "round-robin", null, null, null)), Actor.SYSTEM);
        desk.routing.rules().save("api", Map.of("default", Map.of("queue", "Inbound")), Actor.SYSTEM);
    }

    @AfterEach
    void close() {
        desk.close();
    }

    private void routed(List<Integer> employeeCounts) {
        for (int count : employeeCounts) {
            Lead lead = desk.leads.insert(new NewLead(aLead().with(LeadField.EMPLOYEE_COUNT, Integer.toString(count)).build(), null, null,
                    clock.instant()));
            desk.routing.store().enqueue(List.of(lead.id()), "api", clock.instant());
        }
        assertThat(desk.routing.routing().routePending(1000)).isEqualTo(employeeCounts.size());
    }

    @Test
    void countsTheLeadsTheDraftSendsElsewhereAndStoresNothing() {
        routed(IntStream.range(0, 30).mapToObj(i -> i % 3 == 0 ? 5000 : 20).toList());
        Map<String, Object> draft = Map.of("entries", List.of(Map.of("name", "Big", "when",
                Map.of("field", "employeeCount", "op", "ge", "value", 1000), "to", Map.of("queue", "Enterprise"))), "default", Map.of("queue", "Inbound"));
        List<Result<Record>> before = stored();
        String leadsBefore = desk.database.dsl().selectFrom(SALES_LEAD).orderBy(SALES_LEAD.ID).fetch().formatCSV();

        long started = System.nanoTime();
        DraftTrial trial = desk.routing.routing().tryDraft("api", draft, 200);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(trial.rows()).hasSize(30);
        assertThat(trial.changed()).as("the big ones go to Enterprise now").isEqualTo(10);
        long enterprise = desk.team.queueByName("Enterprise").orElseThrow().id();
        assertThat(trial.rows()).filteredOn(DraftTrial.Row::changed).allSatisfy(row -> {
            assertThat(row.would().queueId()).isEqualTo(enterprise);
            assertThat(row.would().entry()).isEqualTo("Big");
            assertThat(row.lead().data().getOrNull(LeadField.EMPLOYEE_COUNT)).isEqualTo("5000");
        });
        assertThat(trial.rows()).filteredOn(r -> !r.changed()).extracting(r -> r.would().repId()).as("Inbound still takes turns")
                .containsOnly(desk.team.repByEmail("jane@example.com").orElseThrow().id(), desk.team.repByEmail("omar@example.com").orElseThrow().id());
        assertThat(trial.rows().get(0).lead().id().value()).as("newest first").isGreaterThan(trial.rows().get(29).lead().id().value());
        assertThat(stored()).as("no decision, turn or tally stored").isEqualTo(before);
        assertThat(desk.database.dsl().selectFrom(SALES_LEAD).orderBy(SALES_LEAD.ID).fetch().formatCSV()).isEqualTo(leadsBefore);
        System.out.println("draft dry run of 30 leads took " + millis + " ms");
    }

    @Test
    void takesTheLastLeadsAskedForAndTheSameRulesChangeNothing() {
        routed(IntStream.range(0, 250).mapToObj(i -> 20).toList());

        long started = System.nanoTime();
        DraftTrial trial = desk.routing.routing().tryDraft("api", Map.of("default", Map.of("queue", "Inbound")), 200);
        System.out.println("draft dry run of 200 of 250 leads took " + (System.nanoTime() - started) / 1_000_000 + " ms");

        assertThat(trial.rows()).hasSize(200);
        assertThat(trial.changed()).isZero();
        assertThat(trial.decidedBy()).isEqualTo("api");
    }

    @Test
    void refusesADraftWithProblemsAndALastOutOfRange() {
        assertThatThrownBy(() -> desk.routing.routing().tryDraft("api", Map.of("default", Map.of("queue", "Nope")), 200))
                .isInstanceOf(ValidationException.class).extracting(e -> ((ValidationException) e).errors())
                .isEqualTo(List.of(new FieldError("default.queue", "no queue named 'Nope'")));
        assertThatThrownBy(() -> desk.routing.routing().tryDraft("api", Map.of("default", Map.of("queue", "Inbound")), 0))
                .isInstanceOf(ValidationException.class).hasMessageContaining("last");
        assertThatThrownBy(() -> desk.routing.routing().tryDraft("api", Map.of("default", Map.of("queue", "Inbound")), 1001))
                .isInstanceOf(ValidationException.class).hasMessageContaining("last");
    }

    private List<Result<Record>> stored() {
        var dsl = desk.database.dsl();
        return List.of(dsl.select().from(ROUTING_DECISION).orderBy(ROUTING_DECISION.ID).fetch(),
                dsl.select().from(ROUTING_MEMBER_STATE).orderBy(ROUTING_MEMBER_STATE.QUEUE_ID, ROUTING_MEMBER_STATE.REP_ID).fetch(),
                dsl.select().from(ROUTING_QUEUE_STATE).orderBy(ROUTING_QUEUE_STATE.QUEUE_ID).fetch(),
                dsl.select().from(ROUTING_TALLY).orderBy(ROUTING_TALLY.QUEUE_ID, ROUTING_TALLY.PERIOD, ROUTING_TALLY.REP_ID).fetch());
    }
}
