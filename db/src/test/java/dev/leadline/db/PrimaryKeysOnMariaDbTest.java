package dev.leadline.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Galera (several nodes on one cluster) replicates rows by primary key: every table of the schema has one. */
class PrimaryKeysOnMariaDbTest {

    @Test
    void everyTableOfTheSchemaHasAPrimaryKey() {
        try (Database database = TestDatabases.fresh()) {
            var withoutKey = database.dsl().fetch("""
                    SELECT t.table_name FROM information_schema.tables t
                    WHERE t.table_schema = DATABASE() AND t.table_type = 'BASE TABLE'
                      AND NOT EXISTS (SELECT 1 FROM information_schema.table_constraints c
                                      WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name
                                        AND c.constraint_type = 'PRIMARY KEY')""").getValues(0, String.class);
            assertThat(withoutKey).isEmpty();
        }
    }
}
