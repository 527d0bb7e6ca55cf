package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.ROUTING_RULE_SET;

import dev.leadline.core.routing.RuleSetRepository;
import dev.leadline.db.jooq.tables.records.RoutingRuleSetRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Rule set versions in MariaDB. */
public final class JooqRuleSets implements RuleSetRepository {
    private final DSLContext dsl;

    public JooqRuleSets(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public int save(String purpose, Map<String, Object> document, Instant at, String by) {
        Integer newest = dsl.select(DSL.max(ROUTING_RULE_SET.VERSION)).from(ROUTING_RULE_SET).where(ROUTING_RULE_SET.PURPOSE.eq(purpose))
                .forUpdate().fetchOne(0, Integer.class);
        int version = newest == null ? 1 : newest + 1;
        dsl.insertInto(ROUTING_RULE_SET).set(ROUTING_RULE_SET.PURPOSE, purpose).set(ROUTING_RULE_SET.VERSION, version)
                .set(ROUTING_RULE_SET.DOCUMENT, document == null ? null : JsonTree.write(document))
                .set(ROUTING_RULE_SET.CREATED_AT, Times.toDb(at)).set(ROUTING_RULE_SET.CREATED_BY, by).execute();
        return version;
    }

    @Override
    public List<Stored> newest() {
        var newest = dsl.select(ROUTING_RULE_SET.PURPOSE, DSL.max(ROUTING_RULE_SET.VERSION).as("v")).from(ROUTING_RULE_SET)
                .groupBy(ROUTING_RULE_SET.PURPOSE).asTable("newest");
        return dsl.select(ROUTING_RULE_SET.fields()).from(ROUTING_RULE_SET).join(newest)
                .on(ROUTING_RULE_SET.PURPOSE.eq(newest.field(ROUTING_RULE_SET.PURPOSE))
                        .and(ROUTING_RULE_SET.VERSION.eq(newest.field("v", Integer.class))))
                .orderBy(ROUTING_RULE_SET.PURPOSE).fetchInto(ROUTING_RULE_SET).map(JooqRuleSets::stored);
    }

    @Override
    public Optional<Stored> version(String purpose, int version) {
        return dsl.selectFrom(ROUTING_RULE_SET).where(ROUTING_RULE_SET.PURPOSE.eq(purpose)).and(ROUTING_RULE_SET.VERSION.eq(version))
                .fetchOptional().map(JooqRuleSets::stored);
    }

    @Override
    public List<Stored> versions(String purpose) {
        return dsl.selectFrom(ROUTING_RULE_SET).where(ROUTING_RULE_SET.PURPOSE.eq(purpose)).orderBy(ROUTING_RULE_SET.VERSION.desc())
                .fetch().map(JooqRuleSets::stored);
    }

    private static Stored stored(RoutingRuleSetRecord r) {
        return new Stored(r.getPurpose(), r.getVersion(), r.getDocument() == null ? null : JsonTree.readMap(r.getDocument()),
                Times.fromDb(r.getCreatedAt()), r.getCreatedBy());
    }
}
