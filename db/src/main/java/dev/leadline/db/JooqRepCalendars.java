package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.REP_CALENDAR;

import dev.leadline.core.booking.CalendarSource;
import dev.leadline.core.booking.CalendarStatus;
import dev.leadline.core.booking.RepCalendar;
import dev.leadline.core.booking.RepCalendars;
import dev.leadline.db.jooq.tables.records.RepCalendarRecord;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** Reps' calendars in MariaDB, one row per rep. */
public final class JooqRepCalendars implements RepCalendars {
    private static final int MAX_ERROR = 1000;
    private final DSLContext dsl;

    public JooqRepCalendars(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<RepCalendar> find(long repId) {
        return dsl.selectFrom(REP_CALENDAR).where(REP_CALENDAR.REP_ID.eq(repId)).fetchOptional(JooqRepCalendars::calendar);
    }

    @Override
    public List<RepCalendar> all() {
        return dsl.selectFrom(REP_CALENDAR).orderBy(REP_CALENDAR.REP_ID).fetch(JooqRepCalendars::calendar);
    }

    @Override
    public void set(long repId, CalendarSource source, Instant at) {
        String user = source instanceof CalendarSource.CalDav calDav ? calDav.user() : null;
        String password = source instanceof CalendarSource.CalDav calDav ? calDav.password() : null;
        dsl.insertInto(REP_CALENDAR).set(REP_CALENDAR.REP_ID, repId).set(REP_CALENDAR.KIND, source.kind())
                .set(REP_CALENDAR.URL, source.url().toString()).set(REP_CALENDAR.USERNAME, user).set(REP_CALENDAR.PASSWORD, password)
                .set(REP_CALENDAR.CHANGED_AT, Times.toDb(at))
                .onDuplicateKeyUpdate().set(REP_CALENDAR.KIND, source.kind()).set(REP_CALENDAR.URL, source.url().toString())
                .set(REP_CALENDAR.USERNAME, user).set(REP_CALENDAR.PASSWORD, password).set(REP_CALENDAR.CHANGED_AT, Times.toDb(at))
                .setNull(REP_CALENDAR.READ_AT).setNull(REP_CALENDAR.BUSY_COUNT).setNull(REP_CALENDAR.ERROR).setNull(REP_CALENDAR.ERROR_AT)
                .execute();
    }

    @Override
    public boolean remove(long repId) {
        return dsl.deleteFrom(REP_CALENDAR).where(REP_CALENDAR.REP_ID.eq(repId)).execute() > 0;
    }

    @Override
    public void readWell(long repId, Instant changedAt, Instant at, int busyCount) {
        dsl.update(REP_CALENDAR).set(REP_CALENDAR.READ_AT, Times.toDb(at)).set(REP_CALENDAR.BUSY_COUNT, busyCount)
                .setNull(REP_CALENDAR.ERROR).setNull(REP_CALENDAR.ERROR_AT)
                .where(REP_CALENDAR.REP_ID.eq(repId)).and(REP_CALENDAR.CHANGED_AT.eq(Times.toDb(changedAt))).execute();
    }

    @Override
    public void readFailed(long repId, Instant changedAt, Instant at, String error) {
        String kept = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR - 1) + "…" : error;
        dsl.update(REP_CALENDAR).set(REP_CALENDAR.ERROR, kept).set(REP_CALENDAR.ERROR_AT, Times.toDb(at))
                .where(REP_CALENDAR.REP_ID.eq(repId)).and(REP_CALENDAR.CHANGED_AT.eq(Times.toDb(changedAt))).execute();
    }

    private static RepCalendar calendar(RepCalendarRecord row) {
        URI url = URI.create(row.getUrl());
        CalendarSource source = "ics".equals(row.getKind()) ? new CalendarSource.IcsAddress(url)
                : new CalendarSource.CalDav(url, row.getUsername(), row.getPassword());
        return new RepCalendar(row.getRepId(), source, Times.fromDb(row.getChangedAt()),
                new CalendarStatus(Times.fromDb(row.getReadAt()), row.getBusyCount(), row.getError(), Times.fromDb(row.getErrorAt())));
    }
}
