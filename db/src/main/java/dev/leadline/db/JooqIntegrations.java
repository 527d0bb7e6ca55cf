package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.INTEGRATION_DELIVERY;
import static dev.leadline.db.jooq.Tables.INTEGRATION_EVENT;
import static dev.leadline.db.jooq.Tables.WEBHOOK;

import dev.leadline.core.integration.Attempt;
import dev.leadline.core.integration.Delivery;
import dev.leadline.core.integration.IntegrationEvent;
import dev.leadline.core.integration.IntegrationStore;
import dev.leadline.core.integration.Webhook;
import dev.leadline.db.jooq.tables.records.WebhookRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Integration events, their deliveries and webhook subscriptions in MariaDB. */
public final class JooqIntegrations implements IntegrationStore {
    private final DSLContext dsl;
    private final JooqTransactor transactor;
    private final Runnable added;

    /** @param added runs once deliveries this node added have committed (it wakes the delivery loop) */
    public JooqIntegrations(DSLContext dsl, Runnable added) {
        this.dsl = dsl;
        this.transactor = new JooqTransactor(dsl);
        this.added = added;
    }

    @Override
    public List<Listener> webhookListeners() {
        // a paused subscription still collects its events (they wait until it is resumed); a disabled one does not
        return dsl.selectFrom(WEBHOOK).where(WEBHOOK.STATUS.in(Webhook.Status.ACTIVE.name(), Webhook.Status.PAUSED.name()))
                .fetch(JooqIntegrations::webhook).stream()
                .map(h -> new Listener(h.target(), java.util.Set.copyOf(h.events()))).toList();
    }

    @Override
    public void append(List<IntegrationEvent> events, List<Listener> listeners, Instant at) {
        // an event nobody listens to is not kept
        events = events.stream().filter(e -> listeners.stream().anyMatch(l -> l.types().contains(e.type()))).toList();
        if (events.isEmpty()) {
            return;
        }
        JdbcBatch insert = JdbcBatch.into(dsl, INTEGRATION_EVENT, INTEGRATION_EVENT.MSG_ID, INTEGRATION_EVENT.TYPE, INTEGRATION_EVENT.LEAD_ID,
                INTEGRATION_EVENT.OCCURRED_AT, INTEGRATION_EVENT.PAYLOAD);
        for (IntegrationEvent e : events) {
            insert.row(e.msgId(), e.type(), e.leadId(), Times.toDb(e.at()), e.payload());
        }
        insert.execute();
        Map<String, Long> ids = dsl.select(INTEGRATION_EVENT.MSG_ID, INTEGRATION_EVENT.ID).from(INTEGRATION_EVENT)
                .where(INTEGRATION_EVENT.MSG_ID.in(events.stream().map(IntegrationEvent::msgId).toList()))
                .fetchMap(INTEGRATION_EVENT.MSG_ID, INTEGRATION_EVENT.ID);
        JdbcBatch deliveries = JdbcBatch.into(dsl, INTEGRATION_DELIVERY, INTEGRATION_DELIVERY.TARGET, INTEGRATION_DELIVERY.EVENT_ID,
                INTEGRATION_DELIVERY.LEAD_ID, INTEGRATION_DELIVERY.STATUS, INTEGRATION_DELIVERY.ATTEMPTS, INTEGRATION_DELIVERY.CREATED_AT,
                INTEGRATION_DELIVERY.NEXT_ATTEMPT_AT);
        int rows = 0;
        for (IntegrationEvent e : events) {
            for (Listener listener : listeners) {
                if (listener.types().contains(e.type())) {
                    deliveries.row(listener.target(), ids.get(e.msgId()), e.leadId(), Delivery.PENDING, 0, Times.toDb(at), Times.toDb(at));
                    rows++;
                }
            }
        }
        if (rows > 0) {
            deliveries.execute();
            JooqTransactor.afterCommit(added);
        }
    }

    @Override
    public List<Delivery> lease(String node, Instant now, Instant until, int limit) {
        return transactor.inTransaction(() -> {
            var earlier = INTEGRATION_DELIVERY.as("earlier");
            Condition due = INTEGRATION_DELIVERY.STATUS.eq(Delivery.PENDING).and(INTEGRATION_DELIVERY.NEXT_ATTEMPT_AT.le(Times.toDb(now)))
                    .and(INTEGRATION_DELIVERY.LEASED_UNTIL.isNull().or(INTEGRATION_DELIVERY.LEASED_UNTIL.lt(Times.toDb(now))));
            // in order per lead and target: only the first pending delivery of each may go
            List<Long> candidates = dsl.select(INTEGRATION_DELIVERY.ID).from(INTEGRATION_DELIVERY).where(due)
                    .andNotExists(DSL.selectOne().from(earlier).where(earlier.TARGET.eq(INTEGRATION_DELIVERY.TARGET))
                            .and(earlier.LEAD_ID.eq(INTEGRATION_DELIVERY.LEAD_ID)).and(earlier.STATUS.eq(Delivery.PENDING))
                            .and(earlier.ID.lt(INTEGRATION_DELIVERY.ID)))
                    .orderBy(INTEGRATION_DELIVERY.NEXT_ATTEMPT_AT, INTEGRATION_DELIVERY.ID).limit(limit).fetch(INTEGRATION_DELIVERY.ID);
            if (candidates.isEmpty()) {
                return List.of();
            }
            String token = node + "/" + UUID.randomUUID().toString().substring(0, 8);
            dsl.update(INTEGRATION_DELIVERY).set(INTEGRATION_DELIVERY.LEASED_BY, token).set(INTEGRATION_DELIVERY.LEASED_UNTIL, Times.toDb(until))
                    .where(INTEGRATION_DELIVERY.ID.in(candidates)).and(due).execute();
            return select().where(INTEGRATION_DELIVERY.LEASED_BY.eq(token)).and(INTEGRATION_DELIVERY.STATUS.eq(Delivery.PENDING))
                    .orderBy(INTEGRATION_DELIVERY.NEXT_ATTEMPT_AT, INTEGRATION_DELIVERY.ID).fetch(JooqIntegrations::delivery);
        });
    }

    @Override
    public void settle(long deliveryId, Attempt attempt, Instant nextAt) {
        if (attempt == null) {
            dsl.update(INTEGRATION_DELIVERY).set(INTEGRATION_DELIVERY.NEXT_ATTEMPT_AT, Times.toDb(nextAt))
                    .setNull(INTEGRATION_DELIVERY.LEASED_BY).setNull(INTEGRATION_DELIVERY.LEASED_UNTIL)
                    .where(INTEGRATION_DELIVERY.ID.eq(deliveryId)).execute();
            return;
        }
        String status = switch (attempt.outcome()) {
            case DELIVERED -> Delivery.DELIVERED;
            case RETRY -> Delivery.PENDING;
            case GIVE_UP -> Delivery.FAILED;
        };
        dsl.update(INTEGRATION_DELIVERY).set(INTEGRATION_DELIVERY.STATUS, status)
                .set(INTEGRATION_DELIVERY.ATTEMPTS, INTEGRATION_DELIVERY.ATTEMPTS.plus(1))
                .set(INTEGRATION_DELIVERY.LAST_ATTEMPT_AT, Times.toDb(attempt.at()))
                .set(INTEGRATION_DELIVERY.NEXT_ATTEMPT_AT, Times.toDb(nextAt == null ? attempt.at() : nextAt))
                .set(INTEGRATION_DELIVERY.RESPONSE_CODE, attempt.responseCode()).set(INTEGRATION_DELIVERY.LATENCY_MS, attempt.latencyMs())
                .set(INTEGRATION_DELIVERY.RESPONSE, attempt.response()).set(INTEGRATION_DELIVERY.ERROR, attempt.error())
                .setNull(INTEGRATION_DELIVERY.LEASED_BY).setNull(INTEGRATION_DELIVERY.LEASED_UNTIL)
                .where(INTEGRATION_DELIVERY.ID.eq(deliveryId)).execute();
    }

    @Override
    public int releaseLeases(String node) {
        return dsl.update(INTEGRATION_DELIVERY).setNull(INTEGRATION_DELIVERY.LEASED_UNTIL).setNull(INTEGRATION_DELIVERY.LEASED_BY)
                .where(INTEGRATION_DELIVERY.LEASED_BY.startsWith(node + "/")).and(INTEGRATION_DELIVERY.STATUS.eq(Delivery.PENDING)).execute();
    }

    @Override
    public Webhook insertWebhook(String url, List<String> events, String description, String secret, String createdBy, Instant at) {
        WebhookRecord r = dsl.newRecord(WEBHOOK);
        r.setUrl(url);
        r.setEvents(String.join(",", events));
        r.setDescription(description);
        r.setSecret(secret);
        r.setStatus(Webhook.Status.ACTIVE.name());
        r.setCreatedAt(Times.toDb(at));
        r.setCreatedBy(createdBy);
        r.setUpdatedAt(Times.toDb(at));
        r.store();
        return webhook(r);
    }

    @Override
    public Optional<Webhook> webhook(long id) {
        return dsl.selectFrom(WEBHOOK).where(WEBHOOK.ID.eq(id)).fetchOptional(JooqIntegrations::webhook);
    }

    @Override
    public List<Webhook> webhooks() {
        return dsl.selectFrom(WEBHOOK).orderBy(WEBHOOK.ID).fetch(JooqIntegrations::webhook);
    }

    @Override
    public Webhook updateWebhook(Webhook changed, Instant at) {
        dsl.update(WEBHOOK).set(WEBHOOK.URL, changed.url()).set(WEBHOOK.EVENTS, String.join(",", changed.events()))
                .set(WEBHOOK.DESCRIPTION, changed.description()).set(WEBHOOK.STATUS, changed.status().name())
                .set(WEBHOOK.UPDATED_AT, Times.toDb(at)).set(WEBHOOK.FAILING_SINCE, Times.toDb(changed.failingSince()))
                .set(WEBHOOK.DISABLED_REASON, changed.disabledReason()).where(WEBHOOK.ID.eq(changed.id())).execute();
        return webhook(changed.id()).orElseThrow();
    }

    @Override
    public boolean deleteWebhook(long id) {
        // its pending deliveries go with it; the delivered ones stay in the log of a subscription that is gone
        dsl.update(INTEGRATION_DELIVERY).set(INTEGRATION_DELIVERY.STATUS, Delivery.FAILED).set(INTEGRATION_DELIVERY.ERROR, "subscription deleted")
                .where(INTEGRATION_DELIVERY.TARGET.eq(Webhook.target(id))).and(INTEGRATION_DELIVERY.STATUS.eq(Delivery.PENDING)).execute();
        return dsl.deleteFrom(WEBHOOK).where(WEBHOOK.ID.eq(id)).execute() > 0;
    }

    @Override
    public void webhookHealth(long id, Instant since) {
        if (since == null) {
            dsl.update(WEBHOOK).setNull(WEBHOOK.FAILING_SINCE).where(WEBHOOK.ID.eq(id)).and(WEBHOOK.FAILING_SINCE.isNotNull()).execute();
        } else {
            dsl.update(WEBHOOK).set(WEBHOOK.FAILING_SINCE, Times.toDb(since)).where(WEBHOOK.ID.eq(id)).and(WEBHOOK.FAILING_SINCE.isNull()).execute();
        }
    }

    @Override
    public List<Delivery> deliveries(String target, String status, Instant from, Instant to, int limit) {
        Condition where = INTEGRATION_DELIVERY.TARGET.eq(target);
        if (status != null) {
            where = where.and(INTEGRATION_DELIVERY.STATUS.eq(status));
        }
        if (from != null) {
            where = where.and(INTEGRATION_DELIVERY.CREATED_AT.ge(Times.toDb(from)));
        }
        if (to != null) {
            where = where.and(INTEGRATION_DELIVERY.CREATED_AT.lt(Times.toDb(to)));
        }
        return select().where(where).orderBy(INTEGRATION_DELIVERY.CREATED_AT.desc(), INTEGRATION_DELIVERY.ID.desc()).limit(limit)
                .fetch(JooqIntegrations::delivery);
    }

    @Override
    public Optional<Delivery> delivery(String target, long id) {
        return select().where(INTEGRATION_DELIVERY.ID.eq(id)).and(INTEGRATION_DELIVERY.TARGET.eq(target)).fetchOptional(JooqIntegrations::delivery);
    }

    @Override
    public Delivery replay(Delivery delivery, Instant at) {
        long id = dsl.insertInto(INTEGRATION_DELIVERY, INTEGRATION_DELIVERY.TARGET, INTEGRATION_DELIVERY.EVENT_ID, INTEGRATION_DELIVERY.LEAD_ID,
                        INTEGRATION_DELIVERY.STATUS, INTEGRATION_DELIVERY.ATTEMPTS, INTEGRATION_DELIVERY.CREATED_AT, INTEGRATION_DELIVERY.NEXT_ATTEMPT_AT,
                        INTEGRATION_DELIVERY.REPLAY_OF)
                .values(delivery.target(), eventId(delivery), delivery.event().leadId(), Delivery.PENDING, 0, Times.toDb(at), Times.toDb(at),
                        delivery.id())
                .returning(INTEGRATION_DELIVERY.ID).fetchOne().getId();
        JooqTransactor.afterCommit(added);
        return delivery(delivery.target(), id).orElseThrow();
    }

    @Override
    public void dueNow(String target, Instant at) {
        if (dsl.update(INTEGRATION_DELIVERY).set(INTEGRATION_DELIVERY.NEXT_ATTEMPT_AT, Times.toDb(at)).where(INTEGRATION_DELIVERY.TARGET.eq(target))
                .and(INTEGRATION_DELIVERY.STATUS.eq(Delivery.PENDING)).and(INTEGRATION_DELIVERY.NEXT_ATTEMPT_AT.gt(Times.toDb(at))).execute() > 0) {
            JooqTransactor.afterCommit(added);
        }
    }

    @Override
    public int replay(String target, Instant from, Instant to, String status, Instant at) {
        Condition where = INTEGRATION_DELIVERY.TARGET.eq(target).and(INTEGRATION_DELIVERY.CREATED_AT.ge(Times.toDb(from)))
                .and(INTEGRATION_DELIVERY.CREATED_AT.lt(Times.toDb(to))).and(INTEGRATION_DELIVERY.REPLAY_OF.isNull());
        if (status != null) {
            where = where.and(INTEGRATION_DELIVERY.STATUS.eq(status));
        }
        int rows = dsl.insertInto(INTEGRATION_DELIVERY, INTEGRATION_DELIVERY.TARGET, INTEGRATION_DELIVERY.EVENT_ID, INTEGRATION_DELIVERY.LEAD_ID,
                        INTEGRATION_DELIVERY.STATUS, INTEGRATION_DELIVERY.ATTEMPTS, INTEGRATION_DELIVERY.CREATED_AT, INTEGRATION_DELIVERY.NEXT_ATTEMPT_AT,
                        INTEGRATION_DELIVERY.REPLAY_OF)
                .select(DSL.select(INTEGRATION_DELIVERY.TARGET, INTEGRATION_DELIVERY.EVENT_ID, INTEGRATION_DELIVERY.LEAD_ID, DSL.val(Delivery.PENDING),
                                DSL.val(0), DSL.val(Times.toDb(at)), DSL.val(Times.toDb(at)), INTEGRATION_DELIVERY.ID)
                        .from(INTEGRATION_DELIVERY).where(where).orderBy(INTEGRATION_DELIVERY.ID))
                .execute();
        if (rows > 0) {
            JooqTransactor.afterCommit(added);
        }
        return rows;
    }

    @Override
    public int purge(Instant before, int limit) {
        List<Long> done = dsl.select(INTEGRATION_DELIVERY.ID).from(INTEGRATION_DELIVERY).where(INTEGRATION_DELIVERY.STATUS.ne(Delivery.PENDING))
                .and(INTEGRATION_DELIVERY.CREATED_AT.lt(Times.toDb(before))).orderBy(INTEGRATION_DELIVERY.ID).limit(limit)
                .fetch(INTEGRATION_DELIVERY.ID);
        if (!done.isEmpty()) {
            dsl.deleteFrom(INTEGRATION_DELIVERY).where(INTEGRATION_DELIVERY.ID.in(done)).execute();
        }
        List<Long> orphans = dsl.select(INTEGRATION_EVENT.ID).from(INTEGRATION_EVENT).where(INTEGRATION_EVENT.OCCURRED_AT.lt(Times.toDb(before)))
                .andNotExists(DSL.selectOne().from(INTEGRATION_DELIVERY).where(INTEGRATION_DELIVERY.EVENT_ID.eq(INTEGRATION_EVENT.ID)))
                .orderBy(INTEGRATION_EVENT.ID).limit(limit).fetch(INTEGRATION_EVENT.ID);
        if (!orphans.isEmpty()) {
            dsl.deleteFrom(INTEGRATION_EVENT).where(INTEGRATION_EVENT.ID.in(orphans)).execute();
        }
        return done.size() + orphans.size();
    }

    @Override
    public Backlog backlog(String target) {
        Record r = dsl.select(DSL.count(), DSL.min(INTEGRATION_DELIVERY.CREATED_AT)).from(INTEGRATION_DELIVERY)
                .where(INTEGRATION_DELIVERY.TARGET.eq(target)).and(INTEGRATION_DELIVERY.STATUS.eq(Delivery.PENDING)).fetchOne();
        return new Backlog(r.get(0, Integer.class), Times.fromDb(r.get(1, java.time.LocalDateTime.class)));
    }

    private long eventId(Delivery delivery) {
        return dsl.select(INTEGRATION_DELIVERY.EVENT_ID).from(INTEGRATION_DELIVERY).where(INTEGRATION_DELIVERY.ID.eq(delivery.id())).fetchOne().value1();
    }

    private org.jooq.SelectOnConditionStep<Record> select() {
        return dsl.select(INTEGRATION_DELIVERY.fields()).select(INTEGRATION_EVENT.fields()).from(INTEGRATION_DELIVERY).join(INTEGRATION_EVENT)
                .on(INTEGRATION_EVENT.ID.eq(INTEGRATION_DELIVERY.EVENT_ID));
    }

    private static Delivery delivery(Record r) {
        IntegrationEvent event = new IntegrationEvent(r.get(INTEGRATION_EVENT.MSG_ID), r.get(INTEGRATION_EVENT.TYPE), r.get(INTEGRATION_DELIVERY.LEAD_ID),
                Times.fromDb(r.get(INTEGRATION_EVENT.OCCURRED_AT)), r.get(INTEGRATION_EVENT.PAYLOAD));
        // a pending delivery a node holds is being sent now (or was, by a node that died: until its lease ends)
        String status = Delivery.PENDING.equals(r.get(INTEGRATION_DELIVERY.STATUS)) && r.get(INTEGRATION_DELIVERY.LEASED_UNTIL) != null
                ? Delivery.SENDING : r.get(INTEGRATION_DELIVERY.STATUS);
        return new Delivery(r.get(INTEGRATION_DELIVERY.ID), r.get(INTEGRATION_DELIVERY.TARGET), event, status,
                r.get(INTEGRATION_DELIVERY.ATTEMPTS), Times.fromDb(r.get(INTEGRATION_DELIVERY.CREATED_AT)),
                Times.fromDb(r.get(INTEGRATION_DELIVERY.NEXT_ATTEMPT_AT)), Times.fromDb(r.get(INTEGRATION_DELIVERY.LAST_ATTEMPT_AT)),
                r.get(INTEGRATION_DELIVERY.RESPONSE_CODE), r.get(INTEGRATION_DELIVERY.LATENCY_MS), r.get(INTEGRATION_DELIVERY.RESPONSE),
                r.get(INTEGRATION_DELIVERY.ERROR), r.get(INTEGRATION_DELIVERY.REPLAY_OF));
    }

    private static Webhook webhook(WebhookRecord r) {
        return new Webhook(r.getId(), r.getUrl(), Arrays.stream(r.getEvents().split(",")).filter(s -> !s.isBlank()).toList(), r.getDescription(),
                r.getSecret(), Webhook.Status.valueOf(r.getStatus().toUpperCase(Locale.ROOT)), Times.fromDb(r.getCreatedAt()), r.getCreatedBy(),
                Times.fromDb(r.getUpdatedAt()), Times.fromDb(r.getFailingSince()), r.getDisabledReason());
    }
}
