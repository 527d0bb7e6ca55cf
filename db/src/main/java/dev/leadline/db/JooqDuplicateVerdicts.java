package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.DUPLICATE_VERDICT;

import dev.leadline.core.dedupe.DuplicateVerdicts;
import java.util.List;
import org.jooq.DSLContext;

/** The duplicate rules' verdicts as facts in MariaDB. */
public final class JooqDuplicateVerdicts implements DuplicateVerdicts {
    private final DSLContext dsl;

    public JooqDuplicateVerdicts(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void record(List<Noted> verdicts) {
        JdbcBatch insert = JdbcBatch.into(dsl, DUPLICATE_VERDICT, DUPLICATE_VERDICT.CHECKPOINT, DUPLICATE_VERDICT.ACTION,
                DUPLICATE_VERDICT.REFERENCE, DUPLICATE_VERDICT.SOURCE, DUPLICATE_VERDICT.DECIDED_AT);
        for (Noted v : verdicts) {
            insert.row(v.checkpoint().name(), v.action().name(), clip(v.reference(), 300), v.source() == null ? null : clip(v.source(), 100),
                    Times.toDb(v.at()));
        }
        insert.execute();
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
