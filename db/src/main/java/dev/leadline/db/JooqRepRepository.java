package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.REP;
import static dev.leadline.db.jooq.Tables.REP_CHAT_IDENTITY;

import dev.leadline.core.team.Rep;
import dev.leadline.core.team.RepRepository;
import dev.leadline.core.team.Role;
import dev.leadline.db.jooq.tables.records.RepRecord;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/** Reps and their chat identities in MariaDB. */
public final class JooqRepRepository implements RepRepository {
    private final DSLContext dsl;

    public JooqRepRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void linkChatIdentity(long repId, String platform, String externalId) {
        dsl.deleteFrom(REP_CHAT_IDENTITY).where(REP_CHAT_IDENTITY.REP_ID.eq(repId)).and(REP_CHAT_IDENTITY.PLATFORM.eq(platform)).execute();
        dsl.insertInto(REP_CHAT_IDENTITY).set(REP_CHAT_IDENTITY.PLATFORM, platform).set(REP_CHAT_IDENTITY.EXTERNAL_ID, externalId)
                .set(REP_CHAT_IDENTITY.REP_ID, repId).onDuplicateKeyUpdate().set(REP_CHAT_IDENTITY.REP_ID, repId).execute();
    }

    @Override
    public Rep upsert(Rep rep, Instant at) {
        RepRecord record = dsl.selectFrom(REP).where(REP.EMAIL.eq(rep.email())).fetchOptional().orElseGet(() -> {
            RepRecord created = dsl.newRecord(REP);
            created.setEmail(rep.email());
            created.setCreatedAt(Times.toDb(at));
            created.setVersion(0);
            return created;
        });
        record.setName(rep.name());
        record.setTimeZone(rep.timeZone().getId());
        record.setWorkingHours(rep.workingHours());
        record.setCapacity(rep.capacity());
        record.setActive(rep.active());
        record.setRole(rep.role().name());
        if (record.getId() == null || record.changed()) {
            if (record.getId() != null) {
                record.setVersion(record.getVersion() + 1);
            }
            record.setUpdatedAt(Times.toDb(at));
            record.store();
        }
        long id = record.getId();
        rep.chatIdentities().forEach((platform, externalId) -> dsl.insertInto(REP_CHAT_IDENTITY)
                .set(REP_CHAT_IDENTITY.PLATFORM, platform)
                .set(REP_CHAT_IDENTITY.EXTERNAL_ID, externalId)
                .set(REP_CHAT_IDENTITY.REP_ID, id)
                .onDuplicateKeyUpdate()
                .set(REP_CHAT_IDENTITY.REP_ID, id)
                .execute());
        return find(id).orElseThrow();
    }

    @Override
    public void setAvailability(long repId, boolean paused, Instant outOfOfficeFrom, Instant outOfOfficeUntil) {
        dsl.update(REP).set(REP.PAUSED, paused).set(REP.OUT_OF_OFFICE_FROM, Times.toDb(outOfOfficeFrom))
                .set(REP.OUT_OF_OFFICE_UNTIL, Times.toDb(outOfOfficeUntil)).set(REP.VERSION, REP.VERSION.plus(1))
                .where(REP.ID.eq(repId)).execute();
    }

    @Override
    public Optional<Rep> find(long id) {
        return dsl.selectFrom(REP).where(REP.ID.eq(id)).fetchOptional().map(this::toRep);
    }

    @Override
    public Optional<Rep> findByEmail(String email) {
        return dsl.selectFrom(REP).where(REP.EMAIL.eq(email)).fetchOptional().map(this::toRep);
    }

    @Override
    public List<Rep> list() {
        Map<Long, Map<String, String>> identities = new java.util.HashMap<>();
        dsl.selectFrom(REP_CHAT_IDENTITY).forEach(i ->
                identities.computeIfAbsent(i.getRepId(), k -> new java.util.HashMap<>()).putIfAbsent(i.getPlatform(), i.getExternalId()));
        return dsl.selectFrom(REP).orderBy(REP.ID).fetch(r -> toRep(r, identities.getOrDefault(r.getId(), Map.of())));
    }

    private Rep toRep(RepRecord r) {
        return toRep(r, dsl.selectFrom(REP_CHAT_IDENTITY).where(REP_CHAT_IDENTITY.REP_ID.eq(r.getId()))
                .fetch().stream().collect(Collectors.toMap(i -> i.getPlatform(), i -> i.getExternalId(), (a, b) -> a)));
    }

    private static Rep toRep(RepRecord r, Map<String, String> identities) {
        return new Rep(r.getId(), r.getEmail(), r.getName(), ZoneId.of(r.getTimeZone()), r.getWorkingHours(), r.getCapacity(),
                r.getActive(), Times.fromDb(r.getOutOfOfficeFrom()), Times.fromDb(r.getOutOfOfficeUntil()),
                Role.valueOf(r.getRole()), identities, r.getVersion(), r.getPaused());
    }
}
