package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.CADENCE;

import dev.leadline.core.nurture.CadenceRepository;
import dev.leadline.db.jooq.tables.records.CadenceRecord;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** Cadences in MariaDB, each name's definition as written, in JSON. */
public final class JooqCadenceRepository implements CadenceRepository {
    private final DSLContext dsl;

    public JooqCadenceRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<Stored> all() {
        return dsl.selectFrom(CADENCE).orderBy(CADENCE.NAME).fetch(JooqCadenceRepository::toStored);
    }

    @Override
    public Optional<Stored> findForUpdate(String name) {
        return dsl.selectFrom(CADENCE).where(CADENCE.NAME.eq(name)).forUpdate().fetchOptional().map(JooqCadenceRepository::toStored);
    }

    @Override
    public Optional<Stored> find(String name) {
        return dsl.selectFrom(CADENCE).where(CADENCE.NAME.eq(name)).fetchOptional().map(JooqCadenceRepository::toStored);
    }

    @Override
    public void save(Stored cadence) {
        String definition = JsonTree.write(cadence.definition());
        dsl.insertInto(CADENCE).set(CADENCE.NAME, cadence.name()).set(CADENCE.DEFINITION, definition).set(CADENCE.VERSION, cadence.version())
                .set(CADENCE.UPDATED_AT, Times.toDb(cadence.updatedAt())).set(CADENCE.UPDATED_BY, cadence.updatedBy())
                .onDuplicateKeyUpdate()
                .set(CADENCE.DEFINITION, definition).set(CADENCE.VERSION, cadence.version())
                .set(CADENCE.UPDATED_AT, Times.toDb(cadence.updatedAt())).set(CADENCE.UPDATED_BY, cadence.updatedBy())
                .execute();
    }

    private static Stored toStored(CadenceRecord r) {
        return new Stored(r.getName(), JsonTree.readMap(r.getDefinition()), r.getVersion(), Times.fromDb(r.getUpdatedAt()), r.getUpdatedBy());
    }
}
