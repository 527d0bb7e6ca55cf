package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.CRM_LINK;
import static dev.leadline.db.jooq.Tables.CRM_STATE;

import dev.leadline.core.integration.CrmStore;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/** CRM connectors' id mappings and feed state in MariaDB. */
public final class JooqCrm implements CrmStore {
    private final DSLContext dsl;

    public JooqCrm(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<String> crmId(String connector, String kind, String localId) {
        return dsl.select(CRM_LINK.CRM_ID).from(CRM_LINK).where(CRM_LINK.CONNECTOR.eq(connector)).and(CRM_LINK.KIND.eq(kind))
                .and(CRM_LINK.LOCAL_ID.eq(localId)).fetchOptional(CRM_LINK.CRM_ID);
    }

    @Override
    public Optional<String> localId(String connector, String kind, String crmId) {
        return dsl.select(CRM_LINK.LOCAL_ID).from(CRM_LINK).where(CRM_LINK.CONNECTOR.eq(connector)).and(CRM_LINK.KIND.eq(kind))
                .and(CRM_LINK.CRM_ID.eq(crmId)).orderBy(CRM_LINK.SYNCED_AT.desc()).limit(1).fetchOptional(CRM_LINK.LOCAL_ID);
    }

    @Override
    public void link(String connector, String kind, String localId, String crmId, Instant at) {
        dsl.insertInto(CRM_LINK, CRM_LINK.CONNECTOR, CRM_LINK.KIND, CRM_LINK.LOCAL_ID, CRM_LINK.CRM_ID, CRM_LINK.SYNCED_AT)
                .values(connector, kind, localId, crmId, Times.toDb(at))
                .onDuplicateKeyUpdate().set(CRM_LINK.CRM_ID, crmId).set(CRM_LINK.SYNCED_AT, Times.toDb(at)).execute();
    }

    @Override
    public State state(String connector) {
        return dsl.selectFrom(CRM_STATE).where(CRM_STATE.CONNECTOR.eq(connector)).fetchOptional(r -> new State(r.getPullCursor(),
                Times.fromDb(r.getPulledAt()), Times.fromDb(r.getPullAfter()), r.getLastError(), Times.fromDb(r.getLastErrorAt()))).orElse(State.NONE);
    }

    @Override
    public void pulled(String connector, String cursor, Instant at, Instant pullAfter) {
        dsl.insertInto(CRM_STATE, CRM_STATE.CONNECTOR, CRM_STATE.PULL_CURSOR, CRM_STATE.PULLED_AT, CRM_STATE.PULL_AFTER)
                .values(connector, cursor, Times.toDb(at), Times.toDb(pullAfter))
                .onDuplicateKeyUpdate().set(CRM_STATE.PULL_CURSOR, cursor).set(CRM_STATE.PULLED_AT, Times.toDb(at))
                .set(CRM_STATE.PULL_AFTER, Times.toDb(pullAfter)).execute();
    }

    @Override
    public void failed(String connector, String error, Instant at) {
        String clipped = error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error;
        dsl.insertInto(CRM_STATE, CRM_STATE.CONNECTOR, CRM_STATE.LAST_ERROR, CRM_STATE.LAST_ERROR_AT)
                .values(connector, clipped, Times.toDb(at))
                .onDuplicateKeyUpdate().set(CRM_STATE.LAST_ERROR, clipped).set(CRM_STATE.LAST_ERROR_AT, Times.toDb(at)).execute();
    }
}
