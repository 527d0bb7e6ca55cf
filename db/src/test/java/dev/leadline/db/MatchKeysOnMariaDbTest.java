package dev.leadline.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.dedupe.DuplicateService;
import dev.leadline.core.dedupe.Identifiers;
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
        JooqLeadRepository leads = new JooqLeadRepository(database.dsl(), Identifiers.NONE);
        Lead old = leads.insert(new NewLead(new LeadData(Map.of(LeadField.FIRST_NAME, "Edsger", LeadField.LAST_NAME, "Dijkstra",
                LeadField.EMAIL, "edsger@eindhoven.example"), Map.of()), null, null, Instant.now()));
        database.dsl().deleteFrom(Tables.LEAD_MATCH_KEY).where(Tables.LEAD_MATCH_KEY.LEAD_ID.eq(old.id().value())).execute(); // as before V18
        DuplicateService duplicates = new DuplicateService(leads, new JooqMatchKeys(database.dsl(), Identifiers.NONE));
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
    void leadsStoredBeforeAnIdentifierWasConfiguredGetItsKeysAtTheNextStart() {
        JooqLeadRepository before = new JooqLeadRepository(database.dsl(), Identifiers.NONE);
        Lead stored = before.insert(new NewLead(new LeadData(Map.of(LeadField.LAST_NAME, "Hamilton"), Map.of("nationalId", "AB-123456-C")),
                null, null, Instant.now()));
        Identifiers nationalId = Identifiers.of(java.util.List.of("custom.nationalId"), "duplicates.identifiers");
        JooqMatchKeys keys = new JooqMatchKeys(database.dsl(), nationalId);
        DuplicateService duplicates = new DuplicateService(before, keys, dev.leadline.core.dedupe.ContactIndex.NONE,
                dev.leadline.core.dedupe.DuplicatePolicy.DEFAULT.identifiedBy(nationalId));
        LeadData again = new LeadData(Map.of(LeadField.FIRST_NAME, "Margaret"), Map.of("nationalId", "ab123456c"));
        assertThat(duplicates.duplicatesOf(again, Optional.empty())).isEmpty();

        assertThat(keys.indexNewIdentifiers()).isEqualTo(1);

        assertThat(duplicates.duplicatesOf(again, Optional.empty())).extracting(d -> d.lead().id()).containsExactly(stored.id());
        assertThat(keys.indexNewIdentifiers()).as("done once").isZero();
        assertThat(new JooqMatchKeys(database.dsl(), Identifiers.NONE).indexNewIdentifiers()).isZero();
        assertThat(keys.indexNewIdentifiers()).as("named again after a start without it").isEqualTo(1);
    }

    @Test
    void aVeryCommonKeyYieldsAtMostItsShareOfCandidates() {
        JooqLeadRepository leads = new JooqLeadRepository(database.dsl(), Identifiers.NONE);
        LeadData john = new LeadData(Map.of(LeadField.FIRST_NAME, "John", LeadField.LAST_NAME, "Smith", LeadField.COMPANY, "Common Co"), Map.of());
        leads.insertAll(java.util.stream.IntStream.range(0, 120).mapToObj(i -> new NewLead(john, null, null, Instant.now())).toList());
        var keys = dev.leadline.core.dedupe.MatchProfile.of(john, Identifiers.NONE).blockingKeys();

        var byKey = new JooqMatchKeys(database.dsl(), Identifiers.NONE).candidatesByKey(keys, 50);

        assertThat(byKey.keySet()).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(byKey.values()).allSatisfy(ids -> assertThat(ids).hasSize(50));
    }

    @Test
    void aPairWithAMissingSurnameIsListedFromBothSides() {
        // from Febrl dataset1: judged from the first lead they matched, from the second they did not
        Lead benjaymin = store(person(Map.of(LeadField.FIRST_NAME, "Benjaymin", LeadField.CITY, "Macgregor", LeadField.STREET, "12 Tatyakra",
                LeadField.POSTAL_CODE, "4152", LeadField.BIRTH_DATE, "1938-05-02"), Map.of()));
        Lead benjamin = store(person(Map.of(LeadField.FIRST_NAME, "Benjamin", LeadField.LAST_NAME, "Mainsbridge", LeadField.CITY, "Macgregor",
                LeadField.STREET, "12 Fryer Place", LeadField.POSTAL_CODE, "4152", LeadField.BIRTH_DATE, "1938-05-02"), Map.of()));

        assertThat(ids(benjaymin)).containsExactly(benjamin.id());
        assertThat(ids(benjamin)).containsExactly(benjaymin.id());
    }

    @Test
    void aKeyCarriedByTooManyLeadsCountsForNeitherSide() {
        Map<LeadField, String> john = Map.of(LeadField.FIRST_NAME, "Johannes", LeadField.LAST_NAME, "Schmidtke", LeadField.COMPANY, "Common Co");
        Lead first = store(person(with(john, LeadField.POSTAL_CODE, "1000"), Map.of()));
        JooqLeadRepository leads = new JooqLeadRepository(database.dsl(), Identifiers.NONE);
        leads.insertAll(IntStream.range(0, 55).mapToObj(i -> new NewLead(person(john, Map.of()), null, null, Instant.now())).toList());
        Lead last = store(person(with(john, LeadField.POSTAL_CODE, "9000"), Map.of()));

        // the two share only keys that 57 leads carry: before, the last found the first among a key's first 50 leads, not the other way
        assertThat(ids(last)).doesNotContain(first.id());
        assertThat(ids(first)).doesNotContain(last.id());
    }

    private static Map<LeadField, String> with(Map<LeadField, String> fields, LeadField field, String value) {
        Map<LeadField, String> more = new java.util.EnumMap<>(fields);
        more.put(field, value);
        return more;
    }

    private static LeadData person(Map<LeadField, String> fields, Map<String, String> custom) {
        return new LeadData(fields, custom);
    }

    private static Lead store(LeadData data) {
        return new JooqLeadRepository(database.dsl(), Identifiers.NONE).insert(new NewLead(data, null, null, Instant.now()));
    }

    private static List<LeadId> ids(Lead lead) {
        DuplicateService duplicates = new DuplicateService(new JooqLeadRepository(database.dsl(), Identifiers.NONE),
                new JooqMatchKeys(database.dsl(), Identifiers.NONE));
        return duplicates.duplicatesOf(lead.id()).stream().map(d -> d.lead().id()).toList();
    }
}
