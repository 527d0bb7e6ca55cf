package dev.leadline.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.dedupe.Identifiers;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadId;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Migration V30: address values kept as custom fields move into the lead's own columns, and nothing else changes. */
class AddressFieldsMigrationOnMariaDbTest {

    @Test
    void customAddressValuesMoveIntoEmptyColumnsAndEverythingElseStaysAsItWas() {
        EmbeddedMariaDb server = TestDatabases.server();
        String name = "v30_" + ProcessHandle.current().pid();
        server.createDatabase(name);
        var source = new org.mariadb.jdbc.MariaDbDataSource();
        try {
            source.setUrl(server.jdbcUrl(name));
            source.setUser(server.credentials().user());
            source.setPassword(server.credentials().password());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        Flyway.configure().dataSource(source).locations("classpath:db/migration").target("29").load().migrate();
        var sql = org.jooq.impl.DSL.using(source, org.jooq.SQLDialect.MARIADB);
        long moved = insert(sql, null, "{\"street\":\"6 Tullaroop Street\",\"postcode\":\"4011\",\"birthDate\":\"1908-12-09\","
                + "\"city\":\"St James\",\"state\":\"wa\",\"country\":\"AU\",\"tier\":\"gold\"}");
        long none = insert(sql, null, null);
        long kept = insert(sql, "Berlin", "{\"birthDate\":\"09/12/1908\",\"city\":\"Potsdam\"}");
        long leapless = insert(sql, null, "{\"birthDate\":\"1909-02-29\",\"postalCode\":\"AB1 2CD\",\"postcode\":\"AB12CD\"}");
        long tooLong = insert(sql, null, "{\"street\":\"" + "x".repeat(256) + "\",\"birthDate\":\"1908-13-01\"}");
        long empty = insert(sql, null, "{}");

        try (Database database = server.connect(name, 2)) { // migrates the rest
            JooqLeadRepository leads = new JooqLeadRepository(database.dsl(), Identifiers.NONE);

            LeadData all = leads.find(new LeadId(moved)).orElseThrow().data();
            assertThat(all.fields()).containsEntry(LeadField.STREET, "6 Tullaroop Street").containsEntry(LeadField.POSTAL_CODE, "4011")
                    .containsEntry(LeadField.BIRTH_DATE, "1908-12-09").containsEntry(LeadField.CITY, "St James")
                    .containsEntry(LeadField.STATE, "wa").containsEntry(LeadField.COUNTRY, "AU");
            assertThat(all.customFields()).isEqualTo(Map.of("tier", "gold"));

            assertThat(leads.find(new LeadId(none)).orElseThrow().data().customFields()).isEmpty();
            LeadData berlin = leads.find(new LeadId(kept)).orElseThrow().data();
            assertThat(berlin.getOrNull(LeadField.CITY)).as("a filled column is not overwritten").isEqualTo("Berlin");
            assertThat(berlin.customFields()).isEqualTo(Map.of("birthDate", "09/12/1908", "city", "Potsdam"));
            LeadData leap = leads.find(new LeadId(leapless)).orElseThrow().data();
            assertThat(leap.getOrNull(LeadField.POSTAL_CODE)).isEqualTo("AB1 2CD");
            assertThat(leap.customFields()).as("not a day of 1909; the second postcode has no empty column")
                    .isEqualTo(Map.of("birthDate", "1909-02-29", "postcode", "AB12CD"));
            assertThat(leads.find(new LeadId(tooLong)).orElseThrow().data().customFields()).containsOnlyKeys("street", "birthDate");
            assertThat(leads.find(new LeadId(empty)).orElseThrow().data().customFields()).isEmpty();
        }
    }

    private static long insert(org.jooq.DSLContext sql, String city, String custom) {
        return sql.resultQuery("INSERT INTO sales_lead (last_name, city, custom_fields, status, created_at, updated_at)"
                + " VALUES ('Waller', ?, ?, 'NEW', NOW(6), NOW(6)) RETURNING id", city, custom).fetchOne(0, Long.class);
    }
}
