package dev.leadline.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.dedupe.DuplicateService;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.NewLead;
import dev.leadline.db.jooq.Tables;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Blocking keys in MariaDB: leads stored before keys existed get theirs on upgrade and are found again;
 * a stored lead's duplicates, as {@code GET /leads/{id}/duplicates} lists them, are symmetric (if A lists B, B lists A).
 */
class MatchKeysOnMariaDbTest {
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
    void leadsStoredBeforeKeysExistedGetThemOnUpgradeAndAreFoundAsDuplicatesAgain() {
        JooqLeadRepository leads = new JooqLeadRepository(database.dsl());
        Lead old = leads.insert(new NewLead(new LeadData(Map.of(LeadField.FIRST_NAME, "Edsger", LeadField.LAST_NAME, "Dijkstra",
                LeadField.EMAIL, "edsger@eindhoven.example"), Map.of()), null, null, Instant.now()));
        database.dsl().deleteFrom(Tables.LEAD_MATCH_KEY).where(Tables.LEAD_MATCH_KEY.LEAD_ID.eq(old.id().value())).execute(); // as before V18
        DuplicateService duplicates = new DuplicateService(leads, new JooqMatchKeys(database.dsl()));
        LeadData again = new LeadData(Map.of(LeadField.LAST_NAME, "Dijkstra", LeadField.EMAIL, "Edsger@Eindhoven.example"), Map.of());
        assertThat(duplicates.duplicatesOf(again, Optional.empty())).isEmpty();

        int written = JooqMatchKeys.indexLeadsWithoutKeys(database.dsl());

        assertThat(written).isEqualTo(1);
        assertThat(duplicates.duplicatesOf(again, Optional.empty())).extracting(d -> d.lead().id()).containsExactly(old.id());
        assertThat(JooqMatchKeys.indexLeadsWithoutKeys(database.dsl())).as("a second run has nothing to do").isZero();
        assertThat(database.dsl().fetchCount(org.jooq.impl.DSL.table("flyway_schema_history"), org.jooq.impl.DSL.field("version").eq("23")))
                .as("the upgrade runs it as migration V23").isEqualTo(1);
    }

    @Test
    void aVeryCommonKeyYieldsAtMostItsShareOfCandidates() {
        JooqLeadRepository leads = new JooqLeadRepository(database.dsl());
        LeadData john = new LeadData(Map.of(LeadField.FIRST_NAME, "John", LeadField.LAST_NAME, "Smith", LeadField.COMPANY, "Common Co"), Map.of());
        leads.insertAll(java.util.stream.IntStream.range(0, 120).mapToObj(i -> new NewLead(john, null, null, Instant.now())).toList());
        var keys = dev.leadline.core.dedupe.MatchProfile.of(john).blockingKeys();

        var byKey = new JooqMatchKeys(database.dsl()).candidatesByKey(keys, 50);

        assertThat(byKey.keySet()).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(byKey.values()).allSatisfy(ids -> assertThat(ids).hasSize(50));
    }

    @Test
    void aPairWithAMissingSurnameIsListedFromBothSides() {
        // from Febrl dataset1: judged from the first lead they matched, from the second they did not
        Lead benjaymin = store(person(Map.of(LeadField.FIRST_NAME, "Benjaymin", LeadField.CITY, "Macgregor"),
                Map.of("street", "12 Tatyakra", "postcode", "4152", "birthDate", "19380502")));
        Lead benjamin = store(person(Map.of(LeadField.FIRST_NAME, "Benjamin", LeadField.LAST_NAME, "Mainsbridge", LeadField.CITY, "Macgregor"),
                Map.of("street", "12 Fryer Place", "postcode", "4152", "birthDate", "19380502")));

        assertThat(ids(benjaymin)).containsExactly(benjamin.id());
        assertThat(ids(benjamin)).containsExactly(benjaymin.id());
    }

    @Test
    void aKeyCarriedByTooManyLeadsCountsForNeitherSide() {
        Map<LeadField, String> john = Map.of(LeadField.FIRST_NAME, "Johannes", LeadField.LAST_NAME, "Schmidtke", LeadField.COMPANY, "Common Co");
        Lead first = store(person(john, Map.of("postcode", "1000")));
        JooqLeadRepository leads = new JooqLeadRepository(database.dsl());
        leads.insertAll(IntStream.range(0, 55).mapToObj(i -> new NewLead(person(john, Map.of()), null, null, Instant.now())).toList());
        Lead last = store(person(john, Map.of("postcode", "9000")));

        // the two share only keys that 57 leads carry: before, the last found the first among a key's first 50 leads, not the other way
        assertThat(ids(last)).doesNotContain(first.id());
        assertThat(ids(first)).doesNotContain(last.id());
    }

    private static LeadData person(Map<LeadField, String> fields, Map<String, String> custom) {
        return new LeadData(fields, custom);
    }

    private static Lead store(LeadData data) {
        return new JooqLeadRepository(database.dsl()).insert(new NewLead(data, null, null, Instant.now()));
    }

    private static List<LeadId> ids(Lead lead) {
        DuplicateService duplicates = new DuplicateService(new JooqLeadRepository(database.dsl()), new JooqMatchKeys(database.dsl()));
        return duplicates.duplicatesOf(lead.id()).stream().map(d -> d.lead().id()).toList();
    }
}
