package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.REP;

import dev.leadline.core.notify.DigestLog;
import java.time.LocalDate;
import java.util.Optional;
import org.jooq.DSLContext;

/** The daily digest's last-sent date and the weekly summary's week, on the rep row. */
public final class JooqDigestLog implements DigestLog {
    private final DSLContext dsl;

    public JooqDigestLog(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<LocalDate> lastSent(long repId) {
        return Optional.ofNullable(dsl.select(REP.DIGEST_SENT_ON).from(REP).where(REP.ID.eq(repId)).fetchOne(REP.DIGEST_SENT_ON));
    }

    @Override
    public void markSent(long repId, LocalDate day) {
        dsl.update(REP).set(REP.DIGEST_SENT_ON, day).where(REP.ID.eq(repId)).execute();
    }

    @Override
    public Optional<LocalDate> lastWeekly(long repId) {
        return Optional.ofNullable(dsl.select(REP.WEEKLY_SENT_ON).from(REP).where(REP.ID.eq(repId)).fetchOne(REP.WEEKLY_SENT_ON));
    }

    @Override
    public void markWeekly(long repId, LocalDate monday) {
        dsl.update(REP).set(REP.WEEKLY_SENT_ON, monday).where(REP.ID.eq(repId)).execute();
    }
}
