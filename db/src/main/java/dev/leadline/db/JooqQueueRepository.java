package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.LEAD_QUEUE;
import static dev.leadline.db.jooq.Tables.QUEUE_MEMBER;

import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.QueueRepository;
import dev.leadline.db.jooq.tables.records.LeadQueueRecord;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;

/** Queues and their members in MariaDB. */
public final class JooqQueueRepository implements QueueRepository {
    private final DSLContext dsl;

    public JooqQueueRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public LeadQueue upsert(String name, String description, Set<Long> memberRepIds, Map<String, String> chatChannels, Instant at) {
        LeadQueueRecord record = dsl.selectFrom(LEAD_QUEUE).where(LEAD_QUEUE.NAME.eq(name)).fetchOptional().orElseGet(() -> {
            LeadQueueRecord created = dsl.newRecord(LEAD_QUEUE);
            created.setName(name);
            created.setCreatedAt(Times.toDb(at));
            created.setVersion(0);
            return created;
        });
        record.setDescription(description);
        record.setChatChannels(Json.write(chatChannels));
        Set<Long> current = record.getId() == null ? Set.of() : members(record.getId());
        if (record.getId() == null || record.changed() || !current.equals(memberRepIds)) {
            if (record.getId() != null) {
                record.setVersion(record.getVersion() + 1);
            }
            record.setUpdatedAt(Times.toDb(at));
            record.store();
        }
        long id = record.getId();
        dsl.deleteFrom(QUEUE_MEMBER).where(QUEUE_MEMBER.QUEUE_ID.eq(id).and(QUEUE_MEMBER.REP_ID.notIn(memberRepIds))).execute();
        for (Long repId : memberRepIds) {
            dsl.insertInto(QUEUE_MEMBER).set(QUEUE_MEMBER.QUEUE_ID, id).set(QUEUE_MEMBER.REP_ID, repId)
                    .onDuplicateKeyIgnore().execute();
        }
        return findByName(name).orElseThrow();
    }

    @Override
    public Optional<LeadQueue> findByName(String name) {
        return dsl.selectFrom(LEAD_QUEUE).where(LEAD_QUEUE.NAME.eq(name)).fetchOptional().map(this::toQueue);
    }

    @Override
    public Optional<LeadQueue> find(long id) {
        return dsl.selectFrom(LEAD_QUEUE).where(LEAD_QUEUE.ID.eq(id)).fetchOptional().map(this::toQueue);
    }

    @Override
    public List<LeadQueue> list() {
        return dsl.selectFrom(LEAD_QUEUE).orderBy(LEAD_QUEUE.NAME).fetch(this::toQueue);
    }

    private Set<Long> members(long queueId) {
        return new HashSet<>(dsl.select(QUEUE_MEMBER.REP_ID).from(QUEUE_MEMBER).where(QUEUE_MEMBER.QUEUE_ID.eq(queueId))
                .fetch(QUEUE_MEMBER.REP_ID));
    }

    private LeadQueue toQueue(LeadQueueRecord r) {
        return new LeadQueue(r.getId(), r.getName(), r.getDescription(), members(r.getId()), Json.read(r.getChatChannels()), r.getVersion());
    }
}
