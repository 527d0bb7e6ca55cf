package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.API_TOKEN;
import static dev.leadline.db.jooq.Tables.AUDIT_LOG;

import dev.leadline.core.activity.AuditEntry;
import dev.leadline.core.activity.AuditSearch;
import dev.leadline.core.common.Actor;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The audit log searched newest first: a lead by its entity index, a rep and a token by the actor index
 * ({@code rep:<email>}, {@code rep:<email> via ...}, {@code token:<name>}); a rep acting through a token
 * ({@code ... via token:<name>}) is found by reading the log backwards.
 */
public final class JooqAuditSearch implements AuditSearch {
    private final DSLContext dsl;

    public JooqAuditSearch(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<Found> search(Filter filter) {
        List<Condition> where = new ArrayList<>();
        if (filter.lead() != null) {
            where.add(AUDIT_LOG.ENTITY_TYPE.eq("lead").and(AUDIT_LOG.ENTITY_ID.eq(filter.lead())));
        }
        if (filter.rep() != null) {
            String rep = "rep:" + filter.rep();
            where.add(AUDIT_LOG.ACTOR.eq(rep).or(AUDIT_LOG.ACTOR.startsWith(rep + " via "))
                    .or(AUDIT_LOG.ENTITY_TYPE.eq("rep").and(AUDIT_LOG.ENTITY_ID.eq(filter.rep()))));
        }
        if (filter.token() != null) {
            String token = "token:" + filter.token();
            where.add(AUDIT_LOG.ACTOR.eq(token).or(AUDIT_LOG.ACTOR.endsWith(" via " + token))
                    .or(AUDIT_LOG.ENTITY_TYPE.eq("api_token").and(AUDIT_LOG.ENTITY_ID.in(
                            DSL.select(API_TOKEN.ID.cast(SQLDataType.VARCHAR(64))).from(API_TOKEN).where(API_TOKEN.NAME.eq(filter.token()))))));
        }
        if (filter.action() != null) {
            where.add(AUDIT_LOG.ACTION.eq(filter.action()));
        }
        if (filter.from() != null) {
            where.add(AUDIT_LOG.OCCURRED_AT.ge(Times.toDb(filter.from())));
        }
        if (filter.to() != null) {
            where.add(AUDIT_LOG.OCCURRED_AT.lt(Times.toDb(filter.to())));
        }
        return dsl.selectFrom(AUDIT_LOG).where(where).orderBy(AUDIT_LOG.ID.desc()).limit(filter.limit()).offset(filter.offset())
                .fetch(r -> new Found(r.getId(), new AuditEntry(r.getEntityType(), r.getEntityId(), r.getAction(), Actor.parse(r.getActor()),
                        Times.fromDb(r.getOccurredAt()), Json.read(r.getBeforeState()), Json.read(r.getAfterState()))));
    }
}
