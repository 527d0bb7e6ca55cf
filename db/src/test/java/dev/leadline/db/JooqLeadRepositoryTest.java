package dev.leadline.db;

import dev.leadline.core.dedupe.Identifiers;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.lead.LeadRepositoryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class JooqLeadRepositoryTest extends LeadRepositoryContract {
    private static Database database;

    @BeforeAll
    static void connect() {
        database = TestDatabases.fresh();
    }

    @AfterAll
    static void disconnect() {
        database.close();
    }

    @Override
    protected LeadRepository repository() {
        return new JooqLeadRepository(database.dsl(), Identifiers.NONE);
    }
}
