package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.NURTURE_EMAIL;
import static dev.leadline.db.jooq.Tables.NURTURE_INBOUND;

import dev.leadline.core.lead.LeadId;
import dev.leadline.core.nurture.NurtureEmail;
import dev.leadline.core.nurture.NurtureEmails;
import dev.leadline.db.jooq.tables.records.NurtureEmailRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** Nurture emails in MariaDB, with the inbound messages seen; one email per step of an enrolment (a unique key). */
public final class JooqNurtureEmails implements NurtureEmails {
    private final DSLContext dsl;

    public JooqNurtureEmails(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public boolean record(NurtureEmail e) {
        return dsl.insertInto(NURTURE_EMAIL).set(NURTURE_EMAIL.LEAD_ID, e.lead().value()).set(NURTURE_EMAIL.CADENCE, e.cadence())
                .set(NURTURE_EMAIL.STEP, e.step()).set(NURTURE_EMAIL.ENROLLED_AT, Times.toDb(e.enrolledAt()))
                .set(NURTURE_EMAIL.SENDER_REP_ID, e.senderRepId()).set(NURTURE_EMAIL.FROM_ADDRESS, e.fromAddress())
                .set(NURTURE_EMAIL.FROM_NAME, e.fromName()).set(NURTURE_EMAIL.TO_ADDRESS, e.to()).set(NURTURE_EMAIL.TO_DOMAIN, e.toDomain())
                .set(NURTURE_EMAIL.SUBJECT, e.subject().length() > 400 ? e.subject().substring(0, 400) : e.subject())
                .set(NURTURE_EMAIL.BODY_TEXT, e.text()).set(NURTURE_EMAIL.BODY_HTML, e.html()).set(NURTURE_EMAIL.MESSAGE_ID, e.messageId())
                .set(NURTURE_EMAIL.UNSUBSCRIBE_TOKEN, e.unsubscribeToken()).set(NURTURE_EMAIL.STATE, e.state().name())
                .set(NURTURE_EMAIL.ATTEMPTS, e.attempts()).set(NURTURE_EMAIL.NEXT_TRY_AT, Times.toDb(e.nextTryAt()))
                .set(NURTURE_EMAIL.CREATED_AT, Times.toDb(e.createdAt())).onDuplicateKeyIgnore().execute() == 1;
    }

    @Override
    public List<NurtureEmail> due(Instant now, int limit) {
        return dsl.selectFrom(NURTURE_EMAIL).where(NURTURE_EMAIL.STATE.eq(NurtureEmail.State.QUEUED.name()))
                .and(NURTURE_EMAIL.NEXT_TRY_AT.le(Times.toDb(now))).orderBy(NURTURE_EMAIL.NEXT_TRY_AT, NURTURE_EMAIL.ID).limit(limit)
                .fetch(JooqNurtureEmails::toEmail);
    }

    @Override
    public List<NurtureEmail> unsentFor(LeadId lead) {
        return dsl.selectFrom(NURTURE_EMAIL).where(NURTURE_EMAIL.LEAD_ID.eq(lead.value()))
                .and(NURTURE_EMAIL.STATE.in(NurtureEmail.State.QUEUED.name(), NurtureEmail.State.DRAFT.name())).fetch(JooqNurtureEmails::toEmail);
    }

    @Override
    public Optional<NurtureEmail> ofStep(LeadId lead, Instant enrolledAt, int step) {
        return dsl.selectFrom(NURTURE_EMAIL).where(NURTURE_EMAIL.LEAD_ID.eq(lead.value())).and(NURTURE_EMAIL.ENROLLED_AT.eq(Times.toDb(enrolledAt)))
                .and(NURTURE_EMAIL.STEP.eq(step)).fetchOptional().map(JooqNurtureEmails::toEmail);
    }

    @Override
    public Optional<NurtureEmail> find(long id) {
        return dsl.selectFrom(NURTURE_EMAIL).where(NURTURE_EMAIL.ID.eq(id)).fetchOptional().map(JooqNurtureEmails::toEmail);
    }

    @Override
    public boolean redraft(long id, String subject, String text, String html) {
        return dsl.update(NURTURE_EMAIL).set(NURTURE_EMAIL.SUBJECT, subject.length() > 400 ? subject.substring(0, 400) : subject)
                .set(NURTURE_EMAIL.BODY_TEXT, text).set(NURTURE_EMAIL.BODY_HTML, html).where(NURTURE_EMAIL.ID.eq(id))
                .and(NURTURE_EMAIL.STATE.eq(NurtureEmail.State.DRAFT.name())).execute() == 1;
    }

    @Override
    public boolean approve(long id, String subject, String text, String html, Instant at) {
        return dsl.update(NURTURE_EMAIL).set(NURTURE_EMAIL.STATE, NurtureEmail.State.QUEUED.name()).set(NURTURE_EMAIL.NEXT_TRY_AT, Times.toDb(at))
                .set(NURTURE_EMAIL.SUBJECT, subject.length() > 400 ? subject.substring(0, 400) : subject).set(NURTURE_EMAIL.BODY_TEXT, text)
                .set(NURTURE_EMAIL.BODY_HTML, html).where(NURTURE_EMAIL.ID.eq(id)).and(NURTURE_EMAIL.STATE.eq(NurtureEmail.State.DRAFT.name()))
                .execute() == 1;
    }

    @Override
    public boolean sending(long id, Instant at) {
        return dsl.update(NURTURE_EMAIL).set(NURTURE_EMAIL.STATE, NurtureEmail.State.SENDING.name()).set(NURTURE_EMAIL.NEXT_TRY_AT, Times.toDb(at))
                .where(NURTURE_EMAIL.ID.eq(id)).and(NURTURE_EMAIL.STATE.eq(NurtureEmail.State.QUEUED.name())).execute() == 1;
    }

    @Override
    public void sent(long id, Instant at) {
        dsl.update(NURTURE_EMAIL).set(NURTURE_EMAIL.STATE, NurtureEmail.State.SENT.name()).set(NURTURE_EMAIL.SENT_AT, Times.toDb(at))
                .set(NURTURE_EMAIL.ERROR, (String) null).where(NURTURE_EMAIL.ID.eq(id)).execute();
    }

    @Override
    public void retry(long id, Instant at, String why) {
        dsl.update(NURTURE_EMAIL).set(NURTURE_EMAIL.STATE, NurtureEmail.State.QUEUED.name()).set(NURTURE_EMAIL.NEXT_TRY_AT, Times.toDb(at))
                .set(NURTURE_EMAIL.ATTEMPTS, NURTURE_EMAIL.ATTEMPTS.plus(1)).set(NURTURE_EMAIL.ERROR, clip(why))
                .where(NURTURE_EMAIL.ID.eq(id)).execute();
    }

    @Override
    public void later(long id, Instant at) {
        dsl.update(NURTURE_EMAIL).set(NURTURE_EMAIL.NEXT_TRY_AT, Times.toDb(at)).where(NURTURE_EMAIL.ID.eq(id))
                .and(NURTURE_EMAIL.STATE.eq(NurtureEmail.State.QUEUED.name())).execute();
    }

    @Override
    public boolean firstSeen(String messageId, Instant at) {
        return dsl.insertInto(NURTURE_INBOUND).set(NURTURE_INBOUND.MESSAGE_ID, clip255(messageId)).set(NURTURE_INBOUND.RECEIVED_AT, Times.toDb(at))
                .onDuplicateKeyIgnore().execute() == 1;
    }

    @Override
    public void end(long id, NurtureEmail.State state, String why) {
        dsl.update(NURTURE_EMAIL).set(NURTURE_EMAIL.STATE, state.name()).set(NURTURE_EMAIL.ERROR, clip(why)).where(NURTURE_EMAIL.ID.eq(id)).execute();
    }

    @Override
    public List<NurtureEmail> stuckSending(Instant before) {
        return dsl.selectFrom(NURTURE_EMAIL).where(NURTURE_EMAIL.STATE.eq(NurtureEmail.State.SENDING.name()))
                .and(NURTURE_EMAIL.NEXT_TRY_AT.lt(Times.toDb(before))).fetch(JooqNurtureEmails::toEmail);
    }

    @Override
    public Optional<NurtureEmail> byUnsubscribeToken(String token) {
        return dsl.selectFrom(NURTURE_EMAIL).where(NURTURE_EMAIL.UNSUBSCRIBE_TOKEN.eq(token)).fetchOptional().map(JooqNurtureEmails::toEmail);
    }

    @Override
    public List<NurtureEmail> byMessageIds(Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        return dsl.selectFrom(NURTURE_EMAIL).where(NURTURE_EMAIL.MESSAGE_ID.in(messageIds)).orderBy(NURTURE_EMAIL.ID)
                .fetch(JooqNurtureEmails::toEmail);
    }

    @Override
    public SentCounts sentSince(Instant since) {
        Map<String, Integer> bySender = new java.util.HashMap<>();
        dsl.select(NURTURE_EMAIL.SENDER_REP_ID, NURTURE_EMAIL.FROM_ADDRESS, DSL.count()).from(NURTURE_EMAIL)
                .where(NURTURE_EMAIL.SENT_AT.ge(Times.toDb(since))).groupBy(NURTURE_EMAIL.SENDER_REP_ID, NURTURE_EMAIL.FROM_ADDRESS)
                .forEach(r -> bySender.merge(r.value1() != null ? "rep:" + r.value1() : r.value2(), r.value3(), Integer::sum));
        return new SentCounts(bySender, counts(NURTURE_EMAIL.TO_DOMAIN, since));
    }

    private Map<String, Integer> counts(Field<String> by, Instant since) {
        return dsl.select(by, DSL.count()).from(NURTURE_EMAIL).where(NURTURE_EMAIL.SENT_AT.ge(Times.toDb(since))).groupBy(by)
                .fetchMap(by, DSL.count());
    }

    private static String clip(String why) {
        return why == null || why.length() <= 1000 ? why : why.substring(0, 1000);
    }

    private static String clip255(String id) {
        return id.length() <= 255 ? id : id.substring(0, 255);
    }

    private static NurtureEmail toEmail(NurtureEmailRecord r) {
        return new NurtureEmail(r.getId(), new LeadId(r.getLeadId()), r.getCadence(), r.getStep(), Times.fromDb(r.getEnrolledAt()),
                r.getSenderRepId(), r.getFromAddress(), r.getFromName(), r.getToAddress(), r.getSubject(), r.getBodyText(), r.getBodyHtml(),
                r.getMessageId(), r.getUnsubscribeToken(), NurtureEmail.State.valueOf(r.getState()), r.getAttempts(),
                Times.fromDb(r.getNextTryAt()), Times.fromDb(r.getCreatedAt()), r.getSentAt() == null ? null : Times.fromDb(r.getSentAt()),
                r.getError());
    }
}
