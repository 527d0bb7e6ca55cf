package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.MESSAGE_REF;
import static dev.leadline.db.jooq.Tables.OUTBOX;

import dev.leadline.core.notify.Card;
import dev.leadline.core.notify.CardAction;
import dev.leadline.core.notify.Destination;
import dev.leadline.core.notify.MessageRef;
import dev.leadline.core.notify.Notification;
import dev.leadline.core.notify.Outbox;
import dev.leadline.core.notify.Pending;
import dev.leadline.db.jooq.tables.records.MessageRefRecord;
import dev.leadline.db.jooq.tables.records.OutboxRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The notification outbox in MariaDB: one row per notification and platform (a delivery); leases
 * make each due row go to one dispatcher at a time.
 */
public final class JooqOutbox implements Outbox {
    private static final String PENDING = "PENDING";
    private final DSLContext dsl;
    private final List<String> platforms;
    private final Runnable added;

    /** @param platforms the chat platforms each notification is delivered to */
    private final JooqTransactor transactor;

    public JooqOutbox(DSLContext dsl, List<String> platforms) {
        this(dsl, platforms, () -> { });
    }

    /** @param added runs once deliveries this node added have committed (it wakes the dispatcher) */
    public JooqOutbox(DSLContext dsl, List<String> platforms, Runnable added) {
        if (platforms.isEmpty()) {
            throw new IllegalArgumentException("an outbox delivers to at least one platform");
        }
        this.dsl = dsl;
        this.transactor = new JooqTransactor(dsl);
        this.platforms = List.copyOf(platforms);
        this.added = added;
    }

    /**
     * Gives each pending notification written before deliveries were per platform (no platform) one
     * delivery per configured platform. Run once at start; safe when several nodes start together.
     */
    public int spreadUnassigned() {
        return new JooqTransactor(dsl).inTransaction(() -> {
            List<Long> ids = dsl.select(OUTBOX.ID).from(OUTBOX).where(OUTBOX.PLATFORM.isNull().and(OUTBOX.STATUS.eq(PENDING)))
                    .forUpdate().fetch(OUTBOX.ID);
            if (ids.isEmpty()) {
                return 0;
            }
            for (String platform : platforms) {
                dsl.insertInto(OUTBOX, OUTBOX.KIND, OUTBOX.PLATFORM, OUTBOX.LEAD_ID, OUTBOX.CARD_KEY, OUTBOX.DESTINATION_TYPE,
                                OUTBOX.DESTINATION_ID, OUTBOX.CARD, OUTBOX.STATUS, OUTBOX.NEXT_ATTEMPT_AT, OUTBOX.CREATED_AT)
                        .select(DSL.select(OUTBOX.KIND, DSL.val(platform), OUTBOX.LEAD_ID, OUTBOX.CARD_KEY, OUTBOX.DESTINATION_TYPE,
                                OUTBOX.DESTINATION_ID, OUTBOX.CARD, OUTBOX.STATUS, OUTBOX.NEXT_ATTEMPT_AT, OUTBOX.CREATED_AT)
                                .from(OUTBOX).where(OUTBOX.ID.in(ids)))
                        .execute();
            }
            dsl.update(OUTBOX).set(OUTBOX.STATUS, "SPREAD").where(OUTBOX.ID.in(ids)).execute();
            return ids.size();
        });
    }

    @Override
    public void enqueue(List<Notification> notifications, Instant at) {
        if (notifications.isEmpty()) {
            return;
        }
        JdbcBatch insert = JdbcBatch.into(dsl, OUTBOX, OUTBOX.KIND, OUTBOX.PLATFORM, OUTBOX.LEAD_ID, OUTBOX.CARD_KEY, OUTBOX.DESTINATION_TYPE,
                OUTBOX.DESTINATION_ID, OUTBOX.CARD, OUTBOX.STATUS, OUTBOX.NEXT_ATTEMPT_AT, OUTBOX.CREATED_AT);
        for (Notification n : notifications) {
            String card = writeCard(n.card());
            for (String platform : platforms) {
                insert.row(n.kind().name(), platform, n.leadId(), n.cardKey(), n.destination() == null ? null : n.destination().type().name(),
                        n.destination() == null ? null : n.destination().id(), card, PENDING, Times.toDb(at), Times.toDb(at));
            }
        }
        insert.execute();
        JooqTransactor.afterCommit(added);
    }

    @Override
    public List<Pending> lease(Instant now, Instant leaseUntil, int limit) {
        // its own transaction, run again on a deadlock: the lease's ordered scan and the routers' inserts
        // and other workers' updates lock rows in different orders (a few deadlocks a minute at 100 leads/s)
        return transactor.inTransaction(() -> leaseNow(now, leaseUntil, limit));
    }

    private List<Pending> leaseNow(Instant now, Instant leaseUntil, int limit) {
        String token = UUID.randomUUID().toString();
        dsl.update(OUTBOX)
                .set(OUTBOX.LOCKED_UNTIL, Times.toDb(leaseUntil))
                .set(OUTBOX.LEASE_TOKEN, token)
                .where(OUTBOX.STATUS.eq(PENDING).and(OUTBOX.NEXT_ATTEMPT_AT.le(Times.toDb(now)))
                        .and(OUTBOX.LOCKED_UNTIL.isNull().or(OUTBOX.LOCKED_UNTIL.lt(Times.toDb(now)))))
                .orderBy(OUTBOX.NEXT_ATTEMPT_AT, OUTBOX.ID)
                .limit(limit)
                .execute();
        return dsl.selectFrom(OUTBOX).where(OUTBOX.LEASE_TOKEN.eq(token).and(OUTBOX.STATUS.eq(PENDING)))
                .orderBy(OUTBOX.NEXT_ATTEMPT_AT, OUTBOX.ID)
                .fetch(r -> new Pending(toNotification(r), r.getPlatform(), Times.fromDb(r.getPostingSince())));
    }

    @Override
    public void posting(long id, Instant since) {
        dsl.update(OUTBOX).set(OUTBOX.POSTING_SINCE, Times.toDb(since)).where(OUTBOX.ID.eq(id).and(OUTBOX.POSTING_SINCE.isNull())).execute();
    }

    @Override
    public void delivered(List<Long> ids, Instant at) {
        if (ids.isEmpty()) {
            return;
        }
        // run again on a deadlock, as the lease is: cards that went out but stay unmarked are edited again after 15 s
        transactor.inTransaction(() -> dsl.update(OUTBOX).set(OUTBOX.STATUS, "DELIVERED").set(OUTBOX.DELIVERED_AT, Times.toDb(at))
                .setNull(OUTBOX.LOCKED_UNTIL).setNull(OUTBOX.POSTING_SINCE).set(OUTBOX.ATTEMPTS, OUTBOX.ATTEMPTS.plus(1))
                .where(OUTBOX.ID.in(ids)).execute());
    }

    @Override
    public void retryAt(long id, Instant next, String reason) {
        dsl.update(OUTBOX).set(OUTBOX.NEXT_ATTEMPT_AT, Times.toDb(next)).set(OUTBOX.ATTEMPTS, OUTBOX.ATTEMPTS.plus(1))
                .set(OUTBOX.LAST_ERROR, clip(reason)).setNull(OUTBOX.LOCKED_UNTIL).setNull(OUTBOX.POSTING_SINCE).where(OUTBOX.ID.eq(id)).execute();
    }

    @Override
    public void unknownOutcome(long id, Instant next, String reason) {
        dsl.update(OUTBOX).set(OUTBOX.NEXT_ATTEMPT_AT, Times.toDb(next)).set(OUTBOX.ATTEMPTS, OUTBOX.ATTEMPTS.plus(1))
                .set(OUTBOX.LAST_ERROR, clip(reason)).setNull(OUTBOX.LOCKED_UNTIL).where(OUTBOX.ID.eq(id)).execute();
    }

    @Override
    public void skipped(long id, String reason, Instant at) {
        dsl.update(OUTBOX).set(OUTBOX.STATUS, "SKIPPED").set(OUTBOX.LAST_ERROR, clip(reason)).set(OUTBOX.DELIVERED_AT, Times.toDb(at))
                .setNull(OUTBOX.LOCKED_UNTIL).setNull(OUTBOX.POSTING_SINCE).where(OUTBOX.ID.eq(id)).execute();
    }

    @Override
    public void postpone(long id, Instant next) {
        dsl.update(OUTBOX).set(OUTBOX.NEXT_ATTEMPT_AT, Times.toDb(next)).setNull(OUTBOX.LOCKED_UNTIL).where(OUTBOX.ID.eq(id)).execute();
    }

    @Override
    public void failed(long id, String reason, Instant at) {
        dsl.update(OUTBOX).set(OUTBOX.STATUS, "FAILED").set(OUTBOX.LAST_ERROR, clip(reason)).set(OUTBOX.ATTEMPTS, OUTBOX.ATTEMPTS.plus(1))
                .setNull(OUTBOX.LOCKED_UNTIL).setNull(OUTBOX.POSTING_SINCE).where(OUTBOX.ID.eq(id)).execute();
    }

    @Override
    public void rememberRef(MessageRef ref, Instant at) {
        dsl.insertInto(MESSAGE_REF)
                .set(MESSAGE_REF.CARD_KEY, ref.cardKey())
                .set(MESSAGE_REF.PLATFORM, ref.platform())
                .set(MESSAGE_REF.DESTINATION_TYPE, ref.destination().type().name())
                .set(MESSAGE_REF.DESTINATION_ID, ref.destination().id())
                .set(MESSAGE_REF.REF, ref.ref())
                .set(MESSAGE_REF.LAST_OUTBOX_ID, ref.lastOutboxId())
                .set(MESSAGE_REF.UPDATED_AT, Times.toDb(at))
                .onDuplicateKeyUpdate()
                .set(MESSAGE_REF.REF, ref.ref())
                .set(MESSAGE_REF.LAST_OUTBOX_ID, DSL.greatest(MESSAGE_REF.LAST_OUTBOX_ID, DSL.val(ref.lastOutboxId())))
                .set(MESSAGE_REF.UPDATED_AT, Times.toDb(at))
                .execute();
    }

    @Override
    public Optional<MessageRef> ref(String cardKey, String platform, Destination destination) {
        return dsl.selectFrom(MESSAGE_REF).where(MESSAGE_REF.CARD_KEY.eq(cardKey).and(MESSAGE_REF.PLATFORM.eq(platform))
                        .and(MESSAGE_REF.DESTINATION_TYPE.eq(destination.type().name())).and(MESSAGE_REF.DESTINATION_ID.eq(destination.id())))
                .fetchOptional().map(JooqOutbox::toRef);
    }

    @Override
    public List<MessageRef> refs(String cardKey, String platform) {
        return dsl.selectFrom(MESSAGE_REF).where(MESSAGE_REF.CARD_KEY.eq(cardKey).and(MESSAGE_REF.PLATFORM.eq(platform)))
                .fetch(JooqOutbox::toRef);
    }

    /** Notifications by status, oldest first, for tests and operators. */
    public List<Notification> withStatus(String status) {
        return dsl.selectFrom(OUTBOX).where(OUTBOX.STATUS.eq(status)).orderBy(OUTBOX.ID).fetch(JooqOutbox::toNotification);
    }

    private static MessageRef toRef(MessageRefRecord r) {
        return new MessageRef(r.getCardKey(), r.getPlatform(),
                new Destination(Destination.Type.valueOf(r.getDestinationType()), r.getDestinationId()), r.getRef(), r.getLastOutboxId());
    }

    private static Notification toNotification(OutboxRecord r) {
        Destination destination = r.getDestinationType() == null ? null
                : new Destination(Destination.Type.valueOf(r.getDestinationType()), r.getDestinationId());
        return new Notification(r.getId(), Notification.Kind.valueOf(r.getKind()), r.getLeadId(), r.getCardKey(), destination,
                readCard(r.getCard()), r.getAttempts(), Times.fromDb(r.getCreatedAt()));
    }

    static String writeCard(Card card) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("leadId", card.leadId());
        json.put("title", card.title());
        json.put("subtitle", card.subtitle());
        json.put("status", card.status());
        json.put("fields", card.fields().stream().map(f -> Map.of("label", f.label(), "value", f.value())).toList());
        json.put("actions", card.actions().stream().map(a -> {
            Map<String, String> action = new LinkedHashMap<>(Map.of("id", a.wire(), "label", a.label()));
            if (a instanceof CardAction.Open open) {
                action.put("url", open.url());
            }
            return action;
        }).toList());
        return JsonTree.write(json);
    }

    @SuppressWarnings("unchecked")
    static Card readCard(String text) {
        Map<String, Object> json = JsonTree.readMap(text);
        List<Map<String, Object>> fields = (List<Map<String, Object>>) json.get("fields");
        List<Map<String, Object>> actions = (List<Map<String, Object>>) json.get("actions");
        return new Card((String) json.get("leadId"), (String) json.get("title"), (String) json.get("subtitle"),
                (String) json.get("status"),
                fields.stream().map(f -> new Card.Field((String) f.get("label"), (String) f.get("value"))).toList(),
                actions.stream().map(JooqOutbox::readAction).flatMap(Optional::stream).toList());
    }

    /** A stored button; one this version no longer knows is left off the card. */
    private static Optional<CardAction> readAction(Map<String, Object> action) {
        Object url = action.get("url");
        return url != null ? Optional.of(new CardAction.Open((String) action.get("label"), (String) url))
                : CardAction.ofWire((String) action.get("id")).map(a -> a instanceof CardAction.ShowView v
                        ? new CardAction.ShowView((String) action.get("label"), v.view()) : a);
    }

    private static String clip(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 997) + "...";
    }

}
