package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.DUPLICATE_VERDICT;
import static dev.leadline.db.jooq.Tables.LEAD_ENRICHMENT;
import static dev.leadline.db.jooq.Tables.PROVIDER_FAILURE;
import static dev.leadline.db.jooq.Tables.SALES_LEAD;

import dev.leadline.core.report.QualityFacts;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** What the data-quality report counts, grouped in MariaDB. */
public final class JooqQualityFacts implements QualityFacts {
    private final DSLContext dsl;

    public JooqQualityFacts(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<Count> duplicateVerdicts(Instant from, Instant to, Optional<String> source) {
        return dsl.select(DUPLICATE_VERDICT.CHECKPOINT, DUPLICATE_VERDICT.ACTION, DSL.count()).from(DUPLICATE_VERDICT)
                .where(between(DUPLICATE_VERDICT.DECIDED_AT, from, to)).and(sourceIs(DUPLICATE_VERDICT.SOURCE, source))
                .groupBy(DUPLICATE_VERDICT.CHECKPOINT, DUPLICATE_VERDICT.ACTION)
                .fetch(r -> new Count(r.value1(), r.value2(), r.value3(), 0));
    }

    @Override
    public long leadsCreated(Instant from, Instant to, Optional<String> source) {
        return dsl.fetchCount(SALES_LEAD, created(from, to, source));
    }

    @Override
    public List<Count> enrichedFields(Instant from, Instant to, Optional<String> source) {
        return dsl.select(LEAD_ENRICHMENT.FIELD, LEAD_ENRICHMENT.PROVIDER, DSL.countDistinct(LEAD_ENRICHMENT.LEAD_ID))
                .from(LEAD_ENRICHMENT).join(SALES_LEAD).on(SALES_LEAD.ID.eq(LEAD_ENRICHMENT.LEAD_ID))
                .where(created(from, to, source)).groupBy(LEAD_ENRICHMENT.FIELD, LEAD_ENRICHMENT.PROVIDER)
                .fetch(r -> new Count(r.value1(), r.value2(), r.value3(), r.value3()));
    }

    @Override
    public List<Count> providerFailures(Instant from, Instant to, Optional<String> source) {
        return dsl.select(PROVIDER_FAILURE.PROVIDER, PROVIDER_FAILURE.MESSAGE, DSL.count(), DSL.countDistinct(PROVIDER_FAILURE.LEAD_ID))
                .from(PROVIDER_FAILURE).join(SALES_LEAD).on(SALES_LEAD.ID.eq(PROVIDER_FAILURE.LEAD_ID))
                .where(between(PROVIDER_FAILURE.FAILED_AT, from, to)).and(sourceIs(SALES_LEAD.SOURCE, source))
                .groupBy(PROVIDER_FAILURE.PROVIDER, PROVIDER_FAILURE.MESSAGE)
                .fetch(r -> new Count(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    private static Condition created(Instant from, Instant to, Optional<String> source) {
        return between(SALES_LEAD.CREATED_AT, from, to).and(SALES_LEAD.STATUS.ne("MERGED")).and(sourceIs(SALES_LEAD.SOURCE, source));
    }

    private static Condition between(Field<java.time.LocalDateTime> at, Instant from, Instant to) {
        return at.ge(Times.toDb(from)).and(at.lt(Times.toDb(to)));
    }

    /** The source asked for, ignoring case. */
    private static Condition sourceIs(Field<String> column, Optional<String> source) {
        return source.map(s -> DSL.lower(column).eq(s.toLowerCase(java.util.Locale.ROOT))).orElse(DSL.noCondition());
    }
}
