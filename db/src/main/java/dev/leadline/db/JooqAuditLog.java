package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.AUDIT_LOG;

import dev.leadline.core.activity.AuditEntry;
import dev.leadline.core.activity.AuditLog;
import dev.leadline.core.common.Actor;
import java.util.List;
import org.jooq.DSLContext;

/** The append-only audit log in MariaDB: this class has no update and no delete. */
public final class JooqAuditLog implements AuditLog {
    private final DSLContext dsl;

    public JooqAuditLog(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void record(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        JdbcBatch insert = JdbcBatch.into(dsl, AUDIT_LOG, AUDIT_LOG.ENTITY_TYPE, AUDIT_LOG.ENTITY_ID, AUDIT_LOG.ACTION, AUDIT_LOG.ACTOR,
                AUDIT_LOG.OCCURRED_AT, AUDIT_LOG.BEFORE_STATE, AUDIT_LOG.AFTER_STATE);
        for (AuditEntry e : entries) {
            insert.row(e.entityType(), e.entityId(), e.action(), e.actor().toString(), Times.toDb(e.occurredAt()),
                    Json.write(e.before()), Json.write(e.after()));
        }
        insert.execute();
    }

    @Override
    public List<AuditEntry> forEntity(String entityType, String entityId) {
        return dsl.selectFrom(AUDIT_LOG)
                .where(AUDIT_LOG.ENTITY_TYPE.eq(entityType).and(AUDIT_LOG.ENTITY_ID.eq(entityId)))
                .orderBy(AUDIT_LOG.ID)
                .fetch(r -> new AuditEntry(r.getEntityType(), r.getEntityId(), r.getAction(), Actor.parse(r.getActor()),
                        Times.fromDb(r.getOccurredAt()), Json.read(r.getBeforeState()), Json.read(r.getAfterState())));
    }
}
