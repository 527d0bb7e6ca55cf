package dev.leadline.core.integration;

import dev.leadline.core.activity.AuditEntry;
import dev.leadline.core.activity.AuditLog;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.FieldError;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.common.ValidationException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Webhook subscriptions: create (the secret shown once), change, pause, delete, their delivery logs and
 * replays. Every change is audited with who made it.
 */
public final class Webhooks {
    /** A delivery log's longest page. */
    public static final int MAX_PAGE = 500;
    /** The longest range replayed at once. */
    public static final Duration MAX_REPLAY = Duration.ofDays(31);
    /** How long a subscription may keep failing before Leadline disables it. */
    public static final Duration DISABLE_AFTER = Duration.ofDays(3);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Transactor transactor;
    private final IntegrationStore store;
    private final TargetCheck targets;
    private final AuditLog audit;
    private final Clock clock;

    public Webhooks(Transactor transactor, IntegrationStore store, TargetCheck targets, AuditLog audit, Clock clock) {
        this.transactor = transactor;
        this.store = store;
        this.targets = targets;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a subscription should be; null leaves a value as it is (on change). */
    public record Change(String url, List<String> events, String description, Webhook.Status status) {}

    /** A new subscription, with its secret (the only time it is shown). */
    public Webhook create(Change wanted, Actor by) {
        List<FieldError> errors = new ArrayList<>();
        if (wanted.url() == null) {
            errors.add(new FieldError("url", "is required"));
        }
        if (wanted.events() == null) {
            errors.add(new FieldError("events", "is required: a list of " + EventTypes.ALL));
        }
        if (wanted.status() != null) {
            errors.add(new FieldError("status", "is set by pausing or resuming an existing subscription"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        List<String> events = check(wanted);
        Instant now = clock.instant();
        return transactor.inTransaction(() -> {
            Webhook made = store.insertWebhook(wanted.url(), events, description(wanted.description()), newSecret(), by.toString(), now);
            audit.record(List.of(new AuditEntry("webhook", String.valueOf(made.id()), "created", by, now, null, record(made))));
            return made;
        });
    }

    public List<Webhook> list() {
        return store.webhooks();
    }

    public Webhook get(long id) {
        return store.webhook(id).orElseThrow(() -> new NotFoundException("webhook", id));
    }

    /** Changes a subscription; making a disabled one active again clears its failures. */
    public Webhook change(long id, Change wanted, Actor by) {
        if (wanted.status() == Webhook.Status.DISABLED) {
            throw new ValidationException("status", "must be active or paused (Leadline disables a subscription that keeps failing)");
        }
        List<String> events = check(wanted);
        Instant now = clock.instant();
        return transactor.inTransaction(() -> {
            Webhook was = get(id);
            boolean resumed = wanted.status() == Webhook.Status.ACTIVE && was.status() != Webhook.Status.ACTIVE;
            Webhook changed = new Webhook(id, wanted.url() == null ? was.url() : wanted.url(), events == null ? was.events() : events,
                    wanted.description() == null ? was.description() : description(wanted.description()), was.secret(),
                    wanted.status() == null ? was.status() : wanted.status(), was.createdAt(), was.createdBy(), now,
                    resumed ? null : was.failingSince(), resumed ? null : was.disabledReason());
            Webhook saved = store.updateWebhook(changed, now);
            if (resumed) {
                store.dueNow(saved.target(), now);
            }
            audit.record(List.of(new AuditEntry("webhook", String.valueOf(id), "changed", by, now, record(was), record(saved))));
            return saved;
        });
    }

    public void delete(long id, Actor by) {
        Instant now = clock.instant();
        transactor.inTransaction(() -> {
            Webhook was = get(id);
            store.deleteWebhook(id);
            audit.record(List.of(new AuditEntry("webhook", String.valueOf(id), "deleted", by, now, record(was), null)));
            return null;
        });
    }

    /** A subscription's delivery log, newest first. */
    public List<Delivery> deliveries(long id, String status, Instant from, Instant to, int limit) {
        if (status != null && !List.of(Delivery.PENDING, Delivery.DELIVERED, Delivery.FAILED).contains(status)) {
            throw new ValidationException("status", "must be pending, delivered or failed");
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw new ValidationException("limit", "must be from 1 to " + MAX_PAGE);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ValidationException("to", "must be after from");
        }
        return store.deliveries(get(id).target(), status, from, to, limit);
    }

    /** Sends one delivery's event again (the same {@code webhook-id}), as a new delivery due now. */
    public Delivery replay(long id, long deliveryId, Actor by) {
        Instant now = clock.instant();
        return transactor.inTransaction(() -> {
            Webhook hook = get(id);
            Delivery was = store.delivery(hook.target(), deliveryId).orElseThrow(() -> new NotFoundException("delivery", deliveryId));
            Delivery again = store.replay(was, now);
            audit.record(List.of(new AuditEntry("webhook", String.valueOf(id), "replayed", by, now, null,
                    Map.of("delivery", String.valueOf(deliveryId), "event", was.event().msgId()))));
            return again;
        });
    }

    /** Sends again every delivery created in [from, to) (of one status, when given); how many. */
    public int replay(long id, Instant from, Instant to, String status, Actor by) {
        List<FieldError> errors = new ArrayList<>();
        if (from == null) {
            errors.add(new FieldError("from", "is required (an ISO instant like 2026-12-06T00:00:00Z)"));
        }
        if (to == null) {
            errors.add(new FieldError("to", "is required (an ISO instant like 2026-12-06T12:00:00Z)"));
        }
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(new FieldError("to", "must be after from"));
        } else if (from != null && to != null && Duration.between(from, to).compareTo(MAX_REPLAY) > 0) {
            errors.add(new FieldError("to", "must be at most 31 days after from"));
        }
        if (status != null && !List.of(Delivery.PENDING, Delivery.DELIVERED, Delivery.FAILED).contains(status)) {
            errors.add(new FieldError("status", "must be pending, delivered or failed"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Instant now = clock.instant();
        return transactor.inTransaction(() -> {
            Webhook hook = get(id);
            int replayed = store.replay(hook.target(), from, to, status, now);
            audit.record(List.of(new AuditEntry("webhook", String.valueOf(id), "replayed", by, now, null,
                    Map.of("from", from.toString(), "to", to.toString(), "deliveries", String.valueOf(replayed)))));
            return replayed;
        });
    }

    /**
     * Records how an attempt went: a success makes the subscription healthy; a failure marks it failing
     * (from now, unless it already was), and one that has been failing for {@link #DISABLE_AFTER} is disabled.
     * Returns the subscription when this attempt disabled it.
     */
    public Optional<Webhook> attempted(long id, boolean delivered, Instant at) {
        return transactor.inTransaction(() -> {
            store.webhookHealth(id, delivered ? null : at);
            if (delivered) {
                return Optional.<Webhook>empty();
            }
            Optional<Webhook> hook = store.webhook(id);
            if (hook.isEmpty() || hook.get().status() != Webhook.Status.ACTIVE || hook.get().failingSince() == null
                    || Duration.between(hook.get().failingSince(), at).compareTo(DISABLE_AFTER) < 0) {
                return Optional.<Webhook>empty();
            }
            Webhook was = hook.get();
            String reason = "every delivery failed since " + was.failingSince() + " (3 days)";
            Webhook disabled = store.updateWebhook(new Webhook(id, was.url(), was.events(), was.description(), was.secret(),
                    Webhook.Status.DISABLED, was.createdAt(), was.createdBy(), at, was.failingSince(), reason), at);
            audit.record(List.of(new AuditEntry("webhook", String.valueOf(id), "disabled", Actor.SYSTEM, at, record(was),
                    Map.of("status", "disabled", "reason", reason))));
            return Optional.of(disabled);
        });
    }

    private List<String> check(Change wanted) {
        List<FieldError> errors = new ArrayList<>();
        if (wanted.url() != null) {
            try {
                targets.check(wanted.url());
            } catch (ValidationException e) {
                errors.addAll(e.errors());
            }
        }
        List<String> events = null;
        if (wanted.events() != null) {
            if (wanted.events().isEmpty()) {
                errors.add(new FieldError("events", "must name at least one of " + EventTypes.ALL));
            }
            LinkedHashSet<String> seen = new LinkedHashSet<>();
            for (String event : wanted.events()) {
                if (event == null || !EventTypes.ALL.contains(event)) {
                    errors.add(new FieldError("events", "unknown event '" + event + "'; known: " + EventTypes.ALL));
                } else {
                    seen.add(event);
                }
            }
            events = List.copyOf(seen);
        }
        if (wanted.description() != null && wanted.description().length() > 500) {
            errors.add(new FieldError("description", "must be at most 500 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return events;
    }

    private static String description(String text) {
        return text == null || text.isBlank() ? null : text.strip().replaceAll("[\\r\\n\\t]+", " ");
    }

    /** A Standard Webhooks secret: {@code whsec_} and 32 random bytes in base64. */
    static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static Map<String, String> record(Webhook hook) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        out.put("url", hook.url());
        out.put("events", String.join(",", hook.events()));
        out.put("status", hook.status().name().toLowerCase(java.util.Locale.ROOT));
        Optional.ofNullable(hook.description()).ifPresent(d -> out.put("description", d));
        return out;
    }
}
