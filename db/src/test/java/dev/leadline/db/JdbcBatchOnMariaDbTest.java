package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.ROUTING_PENDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadline.core.activity.AuditEntry;
import dev.leadline.core.common.Actor;
import dev.leadline.core.dedupe.Identifiers;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.NewLead;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rows written as one bulk batch read back as they were given, inside the caller's transaction. */
class JdbcBatchOnMariaDbTest {
    private static Database database;

    @BeforeAll
    static void connect() {
        database = TestDatabases.fresh();
    }

    @AfterAll
    static void disconnect() {
        database.close();
    }

    @Test
    void aBatchOfAuditEntriesReadsBackValueForValueInOrder() {
        JooqAuditLog audit = new JooqAuditLog(database.dsl());
        Instant at = Instant.parse("2026-12-02T21:30:15.123456Z");
        List<AuditEntry> entries = IntStream.range(0, 700).mapToObj(i -> new AuditEntry("lead", "bulk-" + (i % 2),
                "edited", Actor.SYSTEM, at.plusSeconds(i), i == 0 ? null : Map.of("name", "O'Brien \\ \"" + i + "\""),
                Map.of("name", "Zoë " + i))).toList();

        audit.record(entries);

        List<AuditEntry> even = audit.forEntity("lead", "bulk-0");
        assertThat(even).hasSize(350);
        assertThat(even.get(0)).isEqualTo(entries.get(0));
        assertThat(even.get(1)).as("quotes and backslashes arrive untouched, times to the microsecond")
                .isEqualTo(entries.get(2));
        assertThat(even.get(349)).isEqualTo(entries.get(698));
        assertThat(audit.forEntity("lead", "bulk-1")).hasSize(350);
    }

    @Test
    void leadsInsertedTogetherComeBackWithTheIdsTheyWereStoredUnder() {
        JooqLeadRepository leads = new JooqLeadRepository(database.dsl(), Identifiers.NONE);
        List<NewLead> batch = IntStream.range(0, 600).mapToObj(i -> new NewLead(new LeadData(Map.of(LeadField.LAST_NAME, "Lovelace " + i,
                LeadField.EMAIL, "ada" + i + "@engine.example"), Map.of()), null, null, Instant.now())).toList();

        List<Lead> stored = leads.insertAll(batch);

        assertThat(stored).hasSize(600);
        for (int i : new int[] {0, 1, 299, 599}) {
            assertThat(leads.find(stored.get(i).id()).orElseThrow().data().getOrNull(LeadField.LAST_NAME)).isEqualTo("Lovelace " + i);
        }
    }

    @Test
    void rowsInsertedAsOneStatementComeBackWithTheirKeysInTheirOrder() {
        Lead lead = new JooqLeadRepository(database.dsl(), Identifiers.NONE).insert(new NewLead(new LeadData(Map.of(LeadField.LAST_NAME, "Turing"), Map.of()),
                null, null, Instant.now()));
        var activity = dev.leadline.db.jooq.Tables.ACTIVITY;
        JdbcBatch insert = JdbcBatch.into(database.dsl(), activity, activity.LEAD_ID, activity.TYPE, activity.ACTOR, activity.OCCURRED_AT,
                activity.SUMMARY);
        IntStream.range(0, 500).forEach(i -> insert.row(lead.id().value(), "NOTE", "test", Times.toDb(Instant.now()), "O'Brien \\ \"" + i + "\""));

        List<Long> ids = insert.insertReturningIds(activity.ID);

        assertThat(ids).hasSize(500).isSorted().doesNotHaveDuplicates();
        for (int i : new int[] {0, 1, 250, 499}) {
            assertThat(database.dsl().select(activity.SUMMARY).from(activity).where(activity.ID.eq(ids.get(i))).fetchOne(activity.SUMMARY))
                    .as("row %d, quotes and backslashes as given", i).isEqualTo("O'Brien \\ \"" + i + "\"");
        }
    }

    @Test
    void aBatchIsPartOfItsTransactionAndSkipsRowsAlreadyThereWhenAskedTo() {
        JooqTransactor tx = new JooqTransactor(database.dsl());
        JooqRoutingStore routing = new JooqRoutingStore(database.dsl());
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        LeadData someone = new LeadData(Map.of(LeadField.LAST_NAME, "Hopper"), Map.of());
        List<LeadId> leads = new JooqLeadRepository(database.dsl(), Identifiers.NONE)
                .insertAll(IntStream.range(0, 300).mapToObj(i -> new NewLead(someone, null, null, at)).toList())
                .stream().map(Lead::id).toList();
        first = leads.get(0).value();

        assertThatThrownBy(() -> tx.inTransaction(() -> {
            routing.enqueue(leads, "NEW", at);
            throw new IllegalStateException("the batch's transaction fails later");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(pending()).as("rolled back with its transaction").isZero();

        tx.inTransaction(() -> routing.enqueue(leads.subList(0, 100), "NEW", at));
        tx.inTransaction(() -> routing.enqueue(leads, "NEW", at));
        assertThat(pending()).as("the 100 already waiting are skipped, not an error").isEqualTo(300);
    }

    private long first;

    private int pending() {
        return database.dsl().fetchCount(ROUTING_PENDING, ROUTING_PENDING.LEAD_ID.between(first, first + 299));
    }
}
