package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.LEAD_NURTURE;

import dev.leadline.core.lead.LeadId;
import dev.leadline.core.nurture.Nurture;
import dev.leadline.core.nurture.NurtureRepository;
import dev.leadline.db.jooq.tables.records.LeadNurtureRecord;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/** Leads' places in cadences in MariaDB; the lead's id is the key, so a lead is in one cadence at most. */
public final class JooqNurtureRepository implements NurtureRepository {
    private final DSLContext dsl;

    public JooqNurtureRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<Nurture> find(LeadId lead) {
        return dsl.selectFrom(LEAD_NURTURE).where(LEAD_NURTURE.LEAD_ID.eq(lead.value())).fetchOptional().map(JooqNurtureRepository::toNurture);
    }

    @Override
    public boolean insert(Nurture n) {
        return dsl.insertInto(LEAD_NURTURE).set(LEAD_NURTURE.LEAD_ID, n.lead().value()).set(LEAD_NURTURE.CADENCE, n.cadence())
                .set(LEAD_NURTURE.VERSION, n.version()).set(LEAD_NURTURE.STEP, n.step()).set(LEAD_NURTURE.NEXT_AT, Times.toDb(n.nextAt()))
                .set(LEAD_NURTURE.SENDER_REP_ID, n.senderRepId()).set(LEAD_NURTURE.ENROLLED_AT, Times.toDb(n.enrolledAt()))
                .set(LEAD_NURTURE.ENROLLED_BY, n.enrolledBy()).onDuplicateKeyIgnore().execute() == 1;
    }

    @Override
    public Set<LeadId> enrolled(Collection<LeadId> leads) {
        return dsl.select(LEAD_NURTURE.LEAD_ID).from(LEAD_NURTURE).where(LEAD_NURTURE.LEAD_ID.in(leads.stream().map(LeadId::value).toList()))
                .fetch(LEAD_NURTURE.LEAD_ID).stream().map(LeadId::new).collect(Collectors.toSet());
    }

    @Override
    public java.util.List<Nurture> dueForUpdate(java.time.Instant now, int limit) {
        return dsl.selectFrom(LEAD_NURTURE).where(LEAD_NURTURE.NEXT_AT.le(Times.toDb(now))).orderBy(LEAD_NURTURE.NEXT_AT).limit(limit)
                .forUpdate().fetch(JooqNurtureRepository::toNurture);
    }

    @Override
    public java.util.List<Nurture> scoringAtLeastForUpdate(String cadence, int score, int limit) {
        return dsl.select(LEAD_NURTURE.fields()).from(LEAD_NURTURE).join(dev.leadline.db.jooq.Tables.SALES_LEAD)
                .on(dev.leadline.db.jooq.Tables.SALES_LEAD.ID.eq(LEAD_NURTURE.LEAD_ID)).where(LEAD_NURTURE.CADENCE.eq(cadence))
                .and(dev.leadline.db.jooq.Tables.SALES_LEAD.SCORE.ge(score)).orderBy(LEAD_NURTURE.LEAD_ID).limit(limit).forUpdate()
                .fetch(r -> toNurture(r.into(LEAD_NURTURE)));
    }

    @Override
    public void advance(LeadId lead, int step, java.time.Instant nextAt) {
        dsl.update(LEAD_NURTURE).set(LEAD_NURTURE.STEP, step).set(LEAD_NURTURE.NEXT_AT, Times.toDb(nextAt))
                .where(LEAD_NURTURE.LEAD_ID.eq(lead.value())).execute();
    }

    @Override
    public Optional<Nurture> remove(LeadId lead) {
        Optional<Nurture> found = dsl.selectFrom(LEAD_NURTURE).where(LEAD_NURTURE.LEAD_ID.eq(lead.value())).forUpdate().fetchOptional()
                .map(JooqNurtureRepository::toNurture);
        found.ifPresent(n -> dsl.deleteFrom(LEAD_NURTURE).where(LEAD_NURTURE.LEAD_ID.eq(lead.value())).execute());
        return found;
    }

    private static Nurture toNurture(LeadNurtureRecord r) {
        return new Nurture(new LeadId(r.getLeadId()), r.getCadence(), r.getVersion(), r.getStep(), Times.fromDb(r.getNextAt()), r.getSenderRepId(),
                Times.fromDb(r.getEnrolledAt()), r.getEnrolledBy());
    }
}
