package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.BOOKING;
import static dev.leadline.db.jooq.Tables.BOOKING_EMAIL;
import static dev.leadline.db.jooq.Tables.MEETING;
import static dev.leadline.db.jooq.Tables.REP_BOOKING;

import dev.leadline.core.booking.Booking;
import dev.leadline.core.booking.BookingEmail;
import dev.leadline.core.booking.BookingRepository;
import dev.leadline.core.booking.Interval;
import dev.leadline.core.common.ConcurrentUpdateException;
import dev.leadline.core.lead.LeadId;
import dev.leadline.db.jooq.tables.records.BookingEmailRecord;
import dev.leadline.db.jooq.tables.records.BookingRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/** Booking offers, the reps' booking rows and the booking emails in MariaDB. */
public final class JooqBookings implements BookingRepository {
    private final DSLContext dsl;

    public JooqBookings(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Booking insert(String token, LeadId lead, String formKey, Long queueId, List<Long> candidates, Duration duration, int days,
                          Instant alertAt, Instant at) {
        BookingRecord r = dsl.newRecord(BOOKING);
        r.setToken(token);
        r.setLeadId(lead.value());
        r.setFormKey(formKey);
        r.setQueueId(queueId);
        r.setCandidates(String.join(" ", candidates.stream().map(String::valueOf).toList()));
        r.setDurationMinutes((int) duration.toMinutes());
        r.setHorizonDays(days);
        r.setState(Booking.State.OPEN.name());
        r.setCreatedAt(Times.toDb(at));
        r.setAlertAt(Times.toDb(alertAt));
        r.setUpdatedAt(Times.toDb(at));
        r.setVersion(0);
        r.store();
        return booking(r);
    }

    @Override
    public Optional<Booking> byId(long id) {
        return dsl.selectFrom(BOOKING).where(BOOKING.ID.eq(id)).fetchOptional().map(JooqBookings::booking);
    }

    @Override
    public Optional<Booking> byToken(String token, boolean lock) {
        var query = dsl.selectFrom(BOOKING).where(BOOKING.TOKEN.eq(token));
        return (lock ? query.forUpdate().fetchOptional() : query.fetchOptional()).map(JooqBookings::booking);
    }

    @Override
    public Booking update(Booking booking, Instant at) {
        int updated = dsl.update(BOOKING)
                .set(BOOKING.STATE, booking.state().name())
                .set(BOOKING.MEETING_ID, booking.meetingId())
                .set(BOOKING.VISITOR_ZONE, booking.visitorZone() == null ? null : booking.visitorZone().getId())
                .set(BOOKING.ALERT_AT, Times.toDb(booking.alertAt()))
                .set(BOOKING.UPDATED_AT, Times.toDb(at))
                .set(BOOKING.VERSION, booking.version() + 1)
                .where(BOOKING.ID.eq(booking.id()).and(BOOKING.VERSION.eq(booking.version())))
                .execute();
        if (updated == 0) {
            throw new ConcurrentUpdateException("booking", booking.id(), booking.version());
        }
        return dsl.selectFrom(BOOKING).where(BOOKING.ID.eq(booking.id())).fetchOptional().map(JooqBookings::booking).orElseThrow();
    }

    @Override
    public List<Booking> dueForAlert(Instant now, int limit) {
        return dsl.selectFrom(BOOKING).where(BOOKING.ALERT_AT.le(Times.toDb(now))).and(BOOKING.STATE.eq(Booking.State.OPEN.name()))
                .orderBy(BOOKING.ALERT_AT, BOOKING.ID).limit(limit).fetch(JooqBookings::booking);
    }

    @Override
    public void lockRep(long repId, Instant at) {
        dsl.insertInto(REP_BOOKING, REP_BOOKING.REP_ID, REP_BOOKING.LOCKED_AT, REP_BOOKING.LOCKS).values(repId, Times.toDb(at), 1L)
                .onDuplicateKeyUpdate().set(REP_BOOKING.LOCKED_AT, Times.toDb(at)).set(REP_BOOKING.LOCKS, REP_BOOKING.LOCKS.plus(1))
                .execute();
    }

    @Override
    public Map<Long, List<Interval>> meetings(Collection<Long> repIds, Instant from, Instant to) {
        Map<Long, List<Interval>> busy = new LinkedHashMap<>();
        if (repIds.isEmpty()) {
            return busy;
        }
        // a meeting lasts at most 8 hours: those starting that long before the window may reach into it
        dsl.select(MEETING.REP_ID, MEETING.STARTS_AT, MEETING.DURATION_MINUTES).from(MEETING)
                .where(MEETING.REP_ID.in(repIds))
                .and(MEETING.STARTS_AT.ge(Times.toDb(from.minus(Duration.ofHours(8)))))
                .and(MEETING.STARTS_AT.lt(Times.toDb(to)))
                .and(MEETING.OUTCOME.isNull().or(MEETING.OUTCOME.notIn("CANCELLED", "DECLINED")))
                .orderBy(MEETING.STARTS_AT)
                .forEach(r -> {
                    Instant start = Times.fromDb(r.value2());
                    Instant end = start.plus(Duration.ofMinutes(r.value3()));
                    if (end.isAfter(from)) {
                        busy.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(new Interval(start, end));
                    }
                });
        return busy;
    }

    @Override
    public void queueEmail(long bookingId, long meetingId, String recipient, BookingEmail.Role role, BookingEmail.Kind kind, int sequence,
                           Instant at) {
        BookingEmailRecord r = dsl.newRecord(BOOKING_EMAIL);
        r.setBookingId(bookingId);
        r.setMeetingId(meetingId);
        r.setRecipient(recipient);
        r.setRole(role.name());
        r.setKind(kind.name());
        r.setSequence(sequence);
        r.setState(BookingEmail.State.QUEUED.name());
        r.setAttempts(0);
        r.setDueAt(Times.toDb(at));
        r.setCreatedAt(Times.toDb(at));
        r.store();
    }

    @Override
    public List<BookingEmail> takeDueEmails(Instant now, int limit) {
        List<BookingEmail> taken = new ArrayList<>();
        for (BookingEmailRecord r : dsl.selectFrom(BOOKING_EMAIL).where(BOOKING_EMAIL.STATE.eq(BookingEmail.State.QUEUED.name()))
                .and(BOOKING_EMAIL.DUE_AT.le(Times.toDb(now))).orderBy(BOOKING_EMAIL.DUE_AT, BOOKING_EMAIL.ID).limit(limit).fetch()) {
            int mine = dsl.update(BOOKING_EMAIL).set(BOOKING_EMAIL.STATE, BookingEmail.State.SENDING.name())
                    .set(BOOKING_EMAIL.ATTEMPTS, BOOKING_EMAIL.ATTEMPTS.plus(1))
                    .where(BOOKING_EMAIL.ID.eq(r.getId())).and(BOOKING_EMAIL.STATE.eq(BookingEmail.State.QUEUED.name())).execute();
            if (mine == 1) {
                r.setState(BookingEmail.State.SENDING.name());
                r.setAttempts(r.getAttempts() + 1);
                taken.add(email(r));
            }
        }
        return taken;
    }

    @Override
    public void emailSent(long id, Instant at) {
        dsl.update(BOOKING_EMAIL).set(BOOKING_EMAIL.STATE, BookingEmail.State.SENT.name()).set(BOOKING_EMAIL.SENT_AT, Times.toDb(at))
                .set(BOOKING_EMAIL.LAST_ERROR, (String) null).where(BOOKING_EMAIL.ID.eq(id)).execute();
    }

    @Override
    public void emailDeferred(long id, Instant next, String reason) {
        dsl.update(BOOKING_EMAIL).set(BOOKING_EMAIL.STATE, BookingEmail.State.QUEUED.name()).set(BOOKING_EMAIL.DUE_AT, Times.toDb(next))
                .set(BOOKING_EMAIL.LAST_ERROR, clip(reason)).where(BOOKING_EMAIL.ID.eq(id)).execute();
    }

    @Override
    public void emailEnded(long id, BookingEmail.State state, String reason) {
        dsl.update(BOOKING_EMAIL).set(BOOKING_EMAIL.STATE, state.name()).set(BOOKING_EMAIL.LAST_ERROR, clip(reason))
                .where(BOOKING_EMAIL.ID.eq(id)).execute();
    }

    private static String clip(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 999) + "…";
    }

    private static Booking booking(BookingRecord r) {
        List<Long> candidates = r.getCandidates().isBlank() ? List.of()
                : Arrays.stream(r.getCandidates().split(" ")).map(Long::valueOf).toList();
        return new Booking(r.getId(), r.getToken(), new LeadId(r.getLeadId()), r.getFormKey(), r.getQueueId(), candidates,
                Duration.ofMinutes(r.getDurationMinutes()), r.getHorizonDays(), Booking.State.valueOf(r.getState()), r.getMeetingId(),
                r.getVisitorZone() == null ? null : java.time.ZoneId.of(r.getVisitorZone()), Times.fromDb(r.getCreatedAt()), Times.fromDb(r.getAlertAt()), r.getVersion());
    }

    private static BookingEmail email(BookingEmailRecord r) {
        return new BookingEmail(r.getId(), r.getBookingId(), r.getMeetingId(), r.getRecipient(), BookingEmail.Role.valueOf(r.getRole()),
                BookingEmail.Kind.valueOf(r.getKind()), r.getSequence(), BookingEmail.State.valueOf(r.getState()), r.getAttempts(),
                Times.fromDb(r.getDueAt()), r.getLastError());
    }
}
