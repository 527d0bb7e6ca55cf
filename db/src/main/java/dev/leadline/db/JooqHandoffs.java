package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.HANDOFF;

import dev.leadline.core.booking.Handoff;
import dev.leadline.core.booking.HandoffRepository;
import dev.leadline.core.common.ConcurrentUpdateException;
import dev.leadline.core.lead.LeadId;
import dev.leadline.db.jooq.tables.records.HandoffRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Live hand-offs in MariaDB. */
public final class JooqHandoffs implements HandoffRepository {
    private final org.jooq.DSLContext dsl;

    public JooqHandoffs(org.jooq.DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Handoff insert(LeadId lead, long queueId, long requestedBy, List<Long> offered, Instant expiresAt, Instant at) {
        HandoffRecord r = dsl.newRecord(HANDOFF);
        r.setLeadId(lead.value());
        r.setQueueId(queueId);
        r.setRequestedBy(requestedBy);
        r.setOffered(offered.stream().map(String::valueOf).collect(Collectors.joining(" ")));
        r.setState(Handoff.State.OPEN.name());
        r.setCreatedAt(Times.toDb(at));
        r.setExpiresAt(Times.toDb(expiresAt));
        r.setVersion(0);
        r.store();
        return handoff(r);
    }

    @Override
    public Optional<Handoff> openFor(LeadId lead, boolean lock) {
        var query = dsl.selectFrom(HANDOFF).where(HANDOFF.LEAD_ID.eq(lead.value())).and(HANDOFF.STATE.eq(Handoff.State.OPEN.name()))
                .orderBy(HANDOFF.ID.desc()).limit(1);
        return (lock ? query.forUpdate().fetchOptional() : query.fetchOptional()).map(JooqHandoffs::handoff);
    }

    @Override
    public Handoff end(Handoff handoff, Handoff.State state, Long takenBy, Long meetingId, Instant at) {
        int updated = dsl.update(HANDOFF).set(HANDOFF.STATE, state.name()).set(HANDOFF.TAKEN_BY, takenBy).set(HANDOFF.MEETING_ID, meetingId)
                .set(HANDOFF.ENDED_AT, Times.toDb(at)).set(HANDOFF.VERSION, handoff.version() + 1)
                .where(HANDOFF.ID.eq(handoff.id())).and(HANDOFF.VERSION.eq(handoff.version())).execute();
        if (updated == 0) {
            throw new ConcurrentUpdateException("hand-off", handoff.id(), handoff.version());
        }
        return dsl.selectFrom(HANDOFF).where(HANDOFF.ID.eq(handoff.id())).fetchOptional().map(JooqHandoffs::handoff).orElseThrow();
    }

    @Override
    public List<Handoff> expired(Instant now, int limit) {
        return dsl.selectFrom(HANDOFF).where(HANDOFF.STATE.eq(Handoff.State.OPEN.name())).and(HANDOFF.EXPIRES_AT.le(Times.toDb(now)))
                .orderBy(HANDOFF.EXPIRES_AT).limit(limit).fetch(JooqHandoffs::handoff);
    }

    private static Handoff handoff(HandoffRecord r) {
        List<Long> offered = r.getOffered().isBlank() ? List.of() : Arrays.stream(r.getOffered().split(" ")).map(Long::valueOf).toList();
        return new Handoff(r.getId(), new LeadId(r.getLeadId()), r.getQueueId(), r.getRequestedBy(), offered, Handoff.State.valueOf(r.getState()),
                r.getTakenBy(), r.getMeetingId(), Times.fromDb(r.getCreatedAt()), Times.fromDb(r.getExpiresAt()), r.getVersion());
    }
}
