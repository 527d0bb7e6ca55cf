package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.LEAD_QUEUE;
import static dev.leadline.db.jooq.Tables.QUEUE_MEMBER;

import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.QueueRepository;
import dev.leadline.core.team.QueueRouting;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    public void setRouting(long queueId, QueueRouting routing) {
        dsl.update(LEAD_QUEUE).set(LEAD_QUEUE.STRATEGY, routing.strategy().name()).set(LEAD_QUEUE.CAPS, caps(routing.caps()))
                .set(LEAD_QUEUE.FALLBACK, fallback(routing.fallback())).set(LEAD_QUEUE.VERSION, LEAD_QUEUE.VERSION.plus(1))
                .where(LEAD_QUEUE.ID.eq(queueId)).execute();
        dsl.update(QUEUE_MEMBER).setNull(QUEUE_MEMBER.WEIGHT).where(QUEUE_MEMBER.QUEUE_ID.eq(queueId)).execute();
        routing.weights().forEach((repId, weight) -> dsl.update(QUEUE_MEMBER).set(QUEUE_MEMBER.WEIGHT, weight)
                .where(QUEUE_MEMBER.QUEUE_ID.eq(queueId)).and(QUEUE_MEMBER.REP_ID.eq(repId)).execute());
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
        Map<Long, Integer> weights = new HashMap<>();
        Set<Long> members = new HashSet<>();
        dsl.selectFrom(QUEUE_MEMBER).where(QUEUE_MEMBER.QUEUE_ID.eq(r.getId())).forEach(m -> {
            members.add(m.getRepId());
            if (m.getWeight() != null) {
                weights.put(m.getRepId(), m.getWeight());
            }
        });
        QueueRouting routing = new QueueRouting(QueueRouting.Strategy.valueOf(r.getStrategy()), weights, caps(r.getCaps()),
                fallback(r.getFallback()));
        return new LeadQueue(r.getId(), r.getName(), r.getDescription(), members, Json.read(r.getChatChannels()), r.getVersion(), routing);
    }

    private static String caps(QueueRouting.Caps caps) {
        if (!caps.any()) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        put(values, "repDay", caps.repDay());
        put(values, "repWeek", caps.repWeek());
        put(values, "repMonth", caps.repMonth());
        put(values, "day", caps.day());
        put(values, "week", caps.week());
        put(values, "month", caps.month());
        values.put("zone", caps.zone().getId());
        return Json.write(values);
    }

    private static void put(Map<String, String> values, String key, Integer value) {
        if (value != null) {
            values.put(key, value.toString());
        }
    }

    private static QueueRouting.Caps caps(String json) {
        Map<String, String> v = Json.read(json);
        if (v.isEmpty()) {
            return QueueRouting.Caps.NONE;
        }
        return new QueueRouting.Caps(number(v, "repDay"), number(v, "repWeek"), number(v, "repMonth"), number(v, "day"), number(v, "week"),
                number(v, "month"), ZoneId.of(v.getOrDefault("zone", "UTC")));
    }

    private static Integer number(Map<String, String> values, String key) {
        return values.containsKey(key) ? Integer.valueOf(values.get(key)) : null;
    }

    private static String fallback(QueueRouting.Fallback fallback) {
        if (fallback instanceof QueueRouting.Fallback.ToQueue q) {
            return Json.write(Map.of("queue", Long.toString(q.queueId())));
        } else if (fallback instanceof QueueRouting.Fallback.ToRep r) {
            return Json.write(Map.of("rep", Long.toString(r.repId())));
        }
        return null;
    }

    private static QueueRouting.Fallback fallback(String json) {
        Map<String, String> v = Json.read(json);
        if (v.containsKey("queue")) {
            return new QueueRouting.Fallback.ToQueue(Long.parseLong(v.get("queue")));
        } else if (v.containsKey("rep")) {
            return new QueueRouting.Fallback.ToRep(Long.parseLong(v.get("rep")));
        }
        return new QueueRouting.Fallback.Hold();
    }
}
