package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.DUPLICATE_DISMISSAL;
import static dev.leadline.db.jooq.Tables.LEAD_FLAG;
import static dev.leadline.db.jooq.Tables.SALES_LEAD;

import dev.leadline.core.common.Actor;
import dev.leadline.core.common.Page;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.dedupe.DuplicateReviews;
import dev.leadline.core.dedupe.LeadPair;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record5;
import org.jooq.impl.DSL;

/** The Duplicates review in MariaDB: open lead-to-lead flags ({@code lead_flag}) and dismissed pairs ({@code duplicate_dismissal}). */
public final class JooqDuplicateReviews implements DuplicateReviews {
    private static final dev.leadline.db.jooq.tables.SalesLead LEAD = SALES_LEAD.as("flagged_lead");
    private static final dev.leadline.db.jooq.tables.SalesLead LIKE = SALES_LEAD.as("like_lead");
    private final DSLContext dsl;

    public JooqDuplicateReviews(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Page<Flagged> open(Optional<Long> owner, int limit, Optional<String> after) {
        Condition where = LEAD_FLAG.SETTLED_AT.isNull().and(LEAD_FLAG.LIKE_LEAD_ID.isNotNull())
                .and(LEAD.STATUS.ne(LeadStatus.MERGED.name())).and(LIKE.STATUS.ne(LeadStatus.MERGED.name()));
        if (owner.isPresent()) {
            where = where.and(LEAD.OWNER_REP_ID.eq(owner.get())).and(LIKE.OWNER_REP_ID.eq(owner.get()));
        }
        if (after.isPresent()) {
            Cursor c = Cursor.decode(after.get());
            where = where.and(LEAD_FLAG.SCORE.lt(c.score()).or(LEAD_FLAG.SCORE.eq(c.score()).and(LEAD_FLAG.LEAD_ID.lt(c.lead()))));
        }
        List<Flagged> rows = dsl.select(LEAD_FLAG.LEAD_ID, LEAD_FLAG.LIKE_LEAD_ID, LEAD_FLAG.SCORE, LEAD_FLAG.MATCHED, LEAD_FLAG.FLAGGED_AT)
                .from(LEAD_FLAG).join(LEAD).on(LEAD.ID.eq(LEAD_FLAG.LEAD_ID)).join(LIKE).on(LIKE.ID.eq(LEAD_FLAG.LIKE_LEAD_ID))
                .where(where).orderBy(LEAD_FLAG.SCORE.desc(), LEAD_FLAG.LEAD_ID.desc()).limit(limit + 1)
                .fetch(JooqDuplicateReviews::flagged);
        if (rows.size() <= limit) {
            return new Page<>(rows, Optional.empty());
        }
        Flagged last = rows.get(limit - 1);
        return new Page<>(rows.subList(0, limit), Optional.of(new Cursor(last.score(), last.lead().value()).encode()));
    }

    @Override
    public boolean isDismissed(LeadPair pair) {
        return dsl.fetchExists(DUPLICATE_DISMISSAL, DUPLICATE_DISMISSAL.LEAD_ID.eq(pair.low().value())
                .and(DUPLICATE_DISMISSAL.OTHER_LEAD_ID.eq(pair.high().value())));
    }

    @Override
    public void dismiss(LeadPair pair, Actor actor, Instant at) {
        dsl.insertInto(DUPLICATE_DISMISSAL, DUPLICATE_DISMISSAL.LEAD_ID, DUPLICATE_DISMISSAL.OTHER_LEAD_ID, DUPLICATE_DISMISSAL.DISMISSED_BY,
                        DUPLICATE_DISMISSAL.DISMISSED_AT)
                .values(pair.low().value(), pair.high().value(), JooqDuplicateFlags.clip(actor.toString()), Times.toDb(at))
                .onDuplicateKeyIgnore().execute();
        List<Long> both = List.of(pair.low().value(), pair.high().value());
        dsl.update(LEAD_FLAG).set(LEAD_FLAG.SETTLED_AT, Times.toDb(at))
                .where(LEAD_FLAG.LEAD_ID.in(both)).and(LEAD_FLAG.LIKE_LEAD_ID.in(both)).and(LEAD_FLAG.SETTLED_AT.isNull()).execute();
    }

    private static Flagged flagged(Record5<Long, Long, Double, String, java.time.LocalDateTime> r) {
        List<String> matched = r.value4().isBlank() ? List.of() : Arrays.stream(r.value4().split(",")).map(String::strip).toList();
        return new Flagged(new LeadId(r.value1()), new LeadId(r.value2()), r.value3(), matched, Times.fromDb(r.value5()));
    }

    /** Where a page of the review ends: the last pair's score and flagged lead. */
    private record Cursor(double score, long lead) {
        String encode() {
            return score + "_" + lead;
        }

        static Cursor decode(String text) {
            String[] parts = text.split("_", 2);
            try {
                return new Cursor(Double.parseDouble(parts[0]), Long.parseLong(parts[1]));
            } catch (RuntimeException e) {
                throw new ValidationException("after", "is not a cursor of the duplicates review");
            }
        }
    }
}
