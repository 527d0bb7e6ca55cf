package dev.leadline.server.integrations;

import dev.leadline.core.integration.Attempt;
import dev.leadline.core.integration.Delivery;
import dev.leadline.core.integration.IntegrationStore;
import dev.leadline.core.integration.Webhook;
import dev.leadline.core.integration.Webhooks;
import dev.leadline.core.notify.Card;
import dev.leadline.core.notify.Destination;
import dev.leadline.core.notify.Notification;
import dev.leadline.core.notify.Outbox;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.Role;
import dev.leadline.core.team.TeamService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to webhook subscriptions: active ones get them, paused and disabled ones keep theirs
 * waiting, a deleted one's are given up. A subscription that has failed for 3 days is disabled and every
 * admin is told in chat.
 */
public final class WebhookListener implements DeliveryLoop.Listener {
    private static final Logger log = LoggerFactory.getLogger(WebhookListener.class);
    private final IntegrationStore store;
    private final Webhooks webhooks;
    private final WebhookSender sender;
    private final Outbox outbox;
    private final TeamService team;
    private final Clock clock;

    public WebhookListener(IntegrationStore store, Webhooks webhooks, WebhookSender sender, Outbox outbox, TeamService team, Clock clock) {
        this.store = store;
        this.webhooks = webhooks;
        this.sender = sender;
        this.outbox = outbox;
        this.team = team;
        this.clock = clock;
    }

    @Override
    public Optional<Attempt> deliver(Delivery delivery) {
        Optional<Webhook> hook = store.webhook(id(delivery));
        if (hook.isEmpty()) {
            return Optional.of(new Attempt(Attempt.Outcome.GIVE_UP, clock.instant(), null, 0, null, "subscription deleted", null));
        }
        if (hook.get().status() != Webhook.Status.ACTIVE) {
            return Optional.empty();
        }
        return Optional.of(sender.send(hook.get(), delivery));
    }

    @Override
    public void settled(Delivery delivery, Attempt attempt) {
        if (attempt.error() != null && "subscription deleted".equals(attempt.error())) {
            return;
        }
        Optional<Webhook> disabled = webhooks.attempted(id(delivery), attempt.outcome() == Attempt.Outcome.DELIVERED, attempt.at());
        disabled.ifPresent(this::tellAdmins);
    }

    private void tellAdmins(Webhook hook) {
        log.warn("webhook {} ({}) disabled: {}", hook.id(), hook.url(), hook.disabledReason());
        Instant now = clock.instant();
        String status = "Webhook " + hook.id() + " to " + hook.url() + " was disabled: " + hook.disabledReason() + ". Its events wait;"
                + " make it active again with PATCH /api/v1/webhooks/" + hook.id() + " {\"status\": \"active\"} once the receiver is fixed.";
        Card card = new Card(null, "Webhook disabled", null, status, List.of(), List.of());
        List<Notification> notices = team.reps().stream().filter(r -> r.active() && r.role() == Role.ADMIN)
                .map(Rep::id).map(id -> new Notification(0, Notification.Kind.POST, null, "webhook-disabled:" + hook.id(), Destination.rep(id), card, 0,
                        now)).toList();
        if (!notices.isEmpty()) {
            outbox.enqueue(notices, now);
        }
    }

    private static long id(Delivery delivery) {
        return Long.parseLong(delivery.target().substring("webhook:".length()));
    }
}
