package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.DUPLICATE_DISMISSAL;
import static dev.leadline.db.jooq.Tables.LEAD_FLAG;

import dev.leadline.core.dedupe.ContactMatch;
import dev.leadline.core.dedupe.DuplicateFlags;
import dev.leadline.core.dedupe.DuplicateService;
import dev.leadline.core.dedupe.LeadPair;
import dev.leadline.core.lead.LeadId;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Duplicate flags in MariaDB ({@code lead_flag}), settled and opened again by the merges that join flagged
 * pairs; the pairs dismissed ({@code duplicate_dismissal}) are read by the checkpoints to leave them out.
 */
public final class JooqDuplicateFlags implements DuplicateFlags {
    private final DSLContext dsl;

    public JooqDuplicateFlags(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void flag(List<Flag> flags) {
        JdbcBatch insert = JdbcBatch.into(dsl, LEAD_FLAG, LEAD_FLAG.LEAD_ID, LEAD_FLAG.LIKE_LEAD_ID, LEAD_FLAG.LIKE_CONTACT_ID,
                LEAD_FLAG.REFERENCE, LEAD_FLAG.SCORE, LEAD_FLAG.MATCHED, LEAD_FLAG.FLAGGED_AT);
        for (Flag f : flags) {
            Long lead = f.lookalike() instanceof DuplicateService.Duplicate d ? d.lead().id().value() : null;
            Long contact = f.lookalike() instanceof ContactMatch c ? c.contact().id() : null;
            insert.row(f.lead().value(), lead, contact, clip(f.lookalike().reference()), f.lookalike().score(),
                    clip(String.join(", ", f.lookalike().matched())), Times.toDb(f.at()));
        }
        insert.execute();
    }

    @Override
    public Set<LeadPair> dismissedAmong(Collection<LeadId> leads) {
        List<Long> ids = leads.stream().map(LeadId::value).toList();
        return dsl.select(DUPLICATE_DISMISSAL.LEAD_ID, DUPLICATE_DISMISSAL.OTHER_LEAD_ID).from(DUPLICATE_DISMISSAL)
                .where(DUPLICATE_DISMISSAL.LEAD_ID.in(ids)).or(DUPLICATE_DISMISSAL.OTHER_LEAD_ID.in(ids))
                .fetch(r -> new LeadPair(new LeadId(r.value1()), new LeadId(r.value2()))).stream().collect(Collectors.toSet());
    }

    /** Settles the open flags between any two leads that one merge joined ({@code joined}: merge id → its leads), in one read. */
    static void settle(DSLContext dsl, Map<Long, List<LeadId>> joined, Instant at) {
        Map<Long, Long> mergeOf = new HashMap<>();
        joined.forEach((merge, leads) -> leads.forEach(lead -> mergeOf.put(lead.value(), merge)));
        JdbcBatch settle = JdbcBatch.of(dsl, dsl.update(LEAD_FLAG).set(LEAD_FLAG.SETTLED_AT, DSL.val(null, LEAD_FLAG.SETTLED_AT))
                .set(LEAD_FLAG.SETTLED_BY_MERGE, DSL.val(null, LEAD_FLAG.SETTLED_BY_MERGE)).where(LEAD_FLAG.LEAD_ID.eq(DSL.val(null, LEAD_FLAG.LEAD_ID))));
        dsl.select(LEAD_FLAG.LEAD_ID, LEAD_FLAG.LIKE_LEAD_ID).from(LEAD_FLAG).where(LEAD_FLAG.LEAD_ID.in(mergeOf.keySet()))
                .and(LEAD_FLAG.SETTLED_AT.isNull())
                .forEach(flag -> {
                    Long merge = mergeOf.get(flag.value1());
                    if (merge.equals(mergeOf.get(flag.value2()))) {
                        settle.row(Times.toDb(at), merge, flag.value1());
                    }
                });
        settle.execute();
    }

    /** Opens again the flags that the merge settled (it was undone). */
    static void reopen(DSLContext dsl, long mergeId) {
        dsl.update(LEAD_FLAG).set(LEAD_FLAG.SETTLED_AT, DSL.inline(null, LEAD_FLAG.SETTLED_AT))
                .set(LEAD_FLAG.SETTLED_BY_MERGE, DSL.inline(null, LEAD_FLAG.SETTLED_BY_MERGE))
                .where(LEAD_FLAG.SETTLED_BY_MERGE.eq(mergeId)).execute();
    }

    /** A look-alike's reference or matched fields as the 300-character columns ({@code lead_flag}, {@code import_duplicate}) hold them. */
    static String clip(String text) {
        return text.length() <= 300 ? text : text.substring(0, 297) + "...";
    }
}
