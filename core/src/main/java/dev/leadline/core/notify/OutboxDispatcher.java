package dev.leadline.core.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers due deliveries, each through its own platform's notifier. At least once, and never twice
 * on purpose: a POST whose card is already out on that platform and destination becomes an edit of
 * that copy; a post whose outcome was never learned is looked for before it is sent again (and when
 * two copies turn up, the older is edited to point below); content is rendered at send time
 * ({@link CardSource}); and the platform's pace and Retry-After answers ({@link ChatPace}) are
 * honoured before any request to a destination.
 */
public final class OutboxDispatcher {
    /**
     * How long a node holds the deliveries it took. Short, so that those held by a node that died
     * go out again within seconds; a batch stops early rather than deliver past its lease.
     */
    static final Duration LEASE = Duration.ofSeconds(15);
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(5);
    /** How far before an unanswered post a look for its message starts (clocks differ). */
    private static final Duration LOOK_BACK = Duration.ofMinutes(2);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    static final int MAX_ATTEMPTS = 20;
    /** The pace of new messages (e.g. Slack's one per second per channel). */
    static final String POST = "post";
    /** A platform's Retry-After: no request of any kind to that destination until it has passed. */
    static final String ANY = "any";
    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final Outbox outbox;
    private final Map<String, Notifier> notifiers;
    private final CardSource cards;
    private final ChatPace pace;
    private final Clock clock;
    private final Object[] destinations = java.util.stream.Stream.generate(Object::new).limit(64).toArray();

    public OutboxDispatcher(Outbox outbox, List<Notifier> notifiers, CardSource cards, ChatPace pace, Clock clock) {
        this.outbox = outbox;
        this.notifiers = notifiers.stream().collect(Collectors.toUnmodifiableMap(Notifier::platform, Function.identity()));
        this.cards = cards;
        this.pace = pace;
        this.clock = clock;
    }

    /**
     * Delivers what is due now; returns how many deliveries it settled (delivered, or dropped for
     * good). Those that must wait (a platform's rate limit, a retry) are not counted, so a caller that
     * goes on while whole batches settle stops when the backlog is only waiting. What it cannot deliver
     * well within its lease is left for the lease to expire, to be taken again.
     */
    public int dispatchDue(int limit) {
        Instant now = clock.instant();
        Instant stopBy = now.plus(LEASE).minus(LEASE_MARGIN);
        List<Pending> due = outbox.lease(now, now.plus(LEASE), limit);
        int handled = 0;
        int settled = 0;
        List<Long> delivered = new ArrayList<>(due.size());
        try {
            for (Pending pending : due) {
                if (clock.instant().isAfter(stopBy)) {
                    log.info("outbox batch ran long; {} deliveries wait for their lease to expire", due.size() - handled);
                    break;
                }
                Outcome outcome;
                synchronized (lockFor(pending)) {
                    outcome = deliver(pending);
                }
                if (outcome == Outcome.DELIVERED) {
                    delivered.add(pending.id());
                }
                if (outcome != Outcome.WAITS) {
                    settled++;
                }
                handled++;
            }
        } finally {
            // marked together: one that went out but is not marked yet goes again after a crash, as an
            // edit of the copy already posted (its reference is remembered as soon as it is out)
            outbox.delivered(delivered, clock.instant());
        }
        return settled;
    }

    private enum Outcome { DELIVERED, DROPPED, WAITS }

    /**
     * One destination's deliveries go one at a time on this node, whichever of its dispatching threads
     * took them: each then sees the pace and Retry-After the one before it stored.
     */
    private Object lockFor(Pending pending) {
        return destinations[Math.floorMod(java.util.Objects.hash(pending.platform(), pending.notification().destination()), destinations.length)];
    }

    /** Delivers one, with its lead's id in the log's MDC ({@code leadId}) for every line logged meanwhile. */
    private Outcome deliver(Pending pending) {
        Long lead = pending.notification().leadId();
        if (lead == null || lead <= 0) {
            return deliverNow(pending);
        }
        try (org.slf4j.MDC.MDCCloseable named = org.slf4j.MDC.putCloseable("leadId", "L-" + lead)) {
            return deliverNow(pending);
        }
    }

    private Outcome deliverNow(Pending pending) {
        Notification n = pending.notification();
        Notifier notifier = notifiers.get(pending.platform());
        if (notifier == null) {
            outbox.failed(pending.id(), pending.platform() + " is not configured on this server", clock.instant());
            return Outcome.DROPPED;
        }
        Notifier.Delivery result;
        if (n.kind() == Notification.Kind.ARCHIVE || n.kind() == Notification.Kind.UNARCHIVE) {
            return roomChange(pending, notifier);
        }
        try {
            Optional<MessageRef> copy = n.kind() == Notification.Kind.POST
                    ? outbox.ref(n.cardKey(), notifier.platform(), n.destination()) : Optional.empty();
            List<MessageRef> copies = n.kind() == Notification.Kind.UPDATE ? outbox.refs(n.cardKey(), notifier.platform()) : copy.stream().toList();
            Optional<Instant> wait = n.kind() == Notification.Kind.POST && copy.isEmpty()
                    ? later(notBefore(notifier, POST, n.destination()), notBefore(notifier, ANY, n.destination())) : latest(notifier, copies);
            if (wait.isPresent()) {
                outbox.postpone(pending.id(), wait.get());
                return Outcome.WAITS;
            }
            if (n.kind() == Notification.Kind.UPDATE && copies.isEmpty()) {
                return Outcome.DELIVERED; // no copy to edit (a lead merged at import, say): nothing to draw
            }
            Card card = cards.current(n);
            result = copy.isEmpty() && n.kind() == Notification.Kind.POST ? post(notifier, pending, card) : update(notifier, n, card, copies);
        } catch (RuntimeException e) {
            // it may have failed after the request went out: a post is looked for before it is sent again
            result = new Notifier.Delivery.Unknown(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return settle(pending, notifier, result);
    }

    /** A room archived (its last words said first) or brought back, once the platform's Retry-After has passed. */
    private Outcome roomChange(Pending pending, Notifier notifier) {
        Notification n = pending.notification();
        Optional<Instant> wait = notBefore(notifier, ANY, n.destination());
        if (wait.isPresent()) {
            outbox.postpone(pending.id(), wait.get());
            return Outcome.WAITS;
        }
        Notifier.Delivery result;
        try {
            result = n.kind() == Notification.Kind.ARCHIVE ? notifier.archive(n.destination(), n.card().status())
                    : notifier.unarchive(n.destination(), n.card().status());
        } catch (RuntimeException e) {
            result = new Notifier.Delivery.RetryLater(Duration.ZERO, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        holdOnRetryAfter(notifier, n.destination(), result);
        return settle(pending, notifier, result);
    }

    private Outcome settle(Pending pending, Notifier notifier, Notifier.Delivery answer) {
        Notifier.Delivery result = answer;
        Notification n = pending.notification();
        if (result instanceof Notifier.Delivery.Delivered) {
            return Outcome.DELIVERED;
        }
        if (result instanceof Notifier.Delivery.NoAddress none) {
            log.debug("notification {} has nowhere to go on {}: {}", n.id(), notifier.platform(), none.reason());
            outbox.skipped(pending.id(), none.reason(), clock.instant());
            return Outcome.DROPPED;
        }
        if (result instanceof Notifier.Delivery.Gone gone) {
            result = new Notifier.Delivery.Failed(gone.reason()); // a new post is never gone
        }
        if (result instanceof Notifier.Delivery.Failed failed) {
            log.warn("notification {} for lead {} dropped by {}: {}", n.id(), n.leadId(), notifier.platform(), failed.reason());
            outbox.failed(pending.id(), failed.reason(), clock.instant());
            return Outcome.DROPPED;
        }
        if (result instanceof Notifier.Delivery.RetryLater later) {
            return retry(pending, notifier, later.after(), later.reason(), false);
        }
        return retry(pending, notifier, Duration.ZERO, ((Notifier.Delivery.Unknown) result).reason(), true);
    }

    private Outcome retry(Pending pending, Notifier notifier, Duration after, String reason, boolean mayHaveGoneOut) {
        Notification n = pending.notification();
        if (n.attempts() + 1 >= MAX_ATTEMPTS) {
            outbox.failed(pending.id(), "gave up after " + MAX_ATTEMPTS + " attempts; last: " + reason, clock.instant());
            return Outcome.DROPPED;
        }
        Duration wait = after.compareTo(backoff(n.attempts())) > 0 ? after : backoff(n.attempts());
        log.info("notification {} for lead {} retries on {} in {} s: {}", n.id(), n.leadId(), notifier.platform(), wait.toSeconds(), reason);
        if (mayHaveGoneOut) {
            outbox.unknownOutcome(pending.id(), clock.instant().plus(wait), reason);
        } else {
            outbox.retryAt(pending.id(), clock.instant().plus(wait), reason);
        }
        return Outcome.WAITS;
    }

    /**
     * A new card. After an attempt whose outcome was never learned, the platform is asked first
     * whether it went out: then the newest copy is kept and edited, and any older one points below;
     * when it is not there, it is posted; when the platform cannot tell (Teams has no way to look a
     * message up), it is posted again, since a card must not be lost (a duplicate is possible then),
     * unless the platform says a second post would make twice what must be made once (a room): then it
     * waits, unknown, until the platform learns where the first went.
     */
    private Notifier.Delivery post(Notifier notifier, Pending pending, Card card) {
        Notification n = pending.notification();
        if (pending.postingSince() != null) {
            Notifier.Lookup found = notifier.find(n.destination(), n.cardKey(), pending.postingSince().minus(LOOK_BACK));
            if (found instanceof Notifier.Lookup.Found copies && !copies.refs().isEmpty()) {
                List<String> refs = copies.refs();
                for (String older : refs.subList(0, refs.size() - 1)) {
                    notifier.update(new MessageRef(n.cardKey(), notifier.platform(), n.destination(), older, n.id()), movedBelow(card));
                }
                MessageRef newest = new MessageRef(n.cardKey(), notifier.platform(), n.destination(), refs.get(refs.size() - 1), 0);
                outbox.rememberRef(newest, clock.instant());
                log.info("notification {} had gone out on {} before its answer was lost; editing that copy", n.id(), notifier.platform());
                return update(notifier, n, card, List.of(newest));
            }
            if (found instanceof Notifier.Lookup.Pending waiting) {
                log.info("notification {} may have gone out on {}; it is not sent again until {} can tell: {}",
                        n.id(), notifier.platform(), notifier.platform(), waiting.reason());
                return new Notifier.Delivery.Unknown(waiting.reason());
            }
            if (found instanceof Notifier.Lookup.CannotTell) {
                // a card must not be lost: where the platform cannot look (Teams), it is sent again
                log.info("notification {} may have gone out on {} before its answer was lost; {} cannot look it up, so it is sent again",
                        n.id(), notifier.platform(), notifier.platform());
            }
        }
        outbox.posting(pending.id(), clock.instant());
        Notifier.Delivery result = notifier.post(n.destination(), n.cardKey(), shownAt(card, n.destination()));
        if (result instanceof Notifier.Delivery.Delivered delivered) {
            MessageRef posted = new MessageRef(n.cardKey(), notifier.platform(), n.destination(), delivered.ref(), n.id());
            outbox.rememberRef(posted, clock.instant());
            if (!notifier.minInterval().isZero()) {
                pace.hold(notifier.platform(), POST, n.destination(), clock.instant().plus(notifier.minInterval()));
            }
            catchUp(notifier, posted, card);
        }
        holdOnRetryAfter(notifier, n.destination(), result);
        return result;
    }

    /**
     * A change that came while the card was on its way (a claim while a room was being made) found no copy
     * to edit yet: the copy just posted is drawn again and edited when the lead has changed since.
     */
    private void catchUp(Notifier notifier, MessageRef posted, Card sent) {
        if (posted.ref().isEmpty()) {
            return; // posted without a reference: nothing can be edited
        }
        Card now = cards.current(new Notification(posted.lastOutboxId(), Notification.Kind.UPDATE, null, posted.cardKey(), null, sent, 0,
                clock.instant()));
        if (!now.equals(sent)) {
            Notifier.Delivery edited = notifier.update(posted, shownAt(now, posted.destination()));
            if (!(edited instanceof Notifier.Delivery.Delivered)) {
                log.info("card {} changed while it was posted on {}; the edit that catches it up waits for the next change: {}",
                        posted.cardKey(), notifier.platform(), edited);
            }
        }
    }

    /** Edits every copy given; the worst answer is the delivery's. */
    private Notifier.Delivery update(Notifier notifier, Notification n, Card card, List<MessageRef> copies) {
        Notifier.Delivery worst = new Notifier.Delivery.Delivered("");
        for (MessageRef copy : copies) {
            if (copy.lastOutboxId() > n.id()) {
                continue; // a later change has already been shown on this copy
            }
            Notifier.Delivery result = notifier.update(copy, shownAt(card, copy.destination()));
            if (result instanceof Notifier.Delivery.Gone gone) {
                log.info("card {} was deleted on {}; posting it again: {}", copy.cardKey(), notifier.platform(), gone.reason());
                result = notifier.post(copy.destination(), n.cardKey(), shownAt(card, copy.destination()));
                holdOnRetryAfter(notifier, copy.destination(), result);
            }
            if (result instanceof Notifier.Delivery.Delivered delivered) {
                outbox.rememberRef(new MessageRef(copy.cardKey(), copy.platform(), copy.destination(),
                        delivered.ref().isEmpty() ? copy.ref() : delivered.ref(), n.id()), clock.instant());
            } else {
                holdOnRetryAfter(notifier, copy.destination(), result);
                worst = result;
            }
        }
        return worst;
    }

    private void holdOnRetryAfter(Notifier notifier, Destination destination, Notifier.Delivery result) {
        if (result instanceof Notifier.Delivery.RetryLater later && !later.after().isNegative() && !later.after().isZero()) {
            pace.hold(notifier.platform(), ANY, destination, clock.instant().plus(later.after()));
        }
    }

    private static Optional<Instant> later(Optional<Instant> a, Optional<Instant> b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : Optional.of(a.get().isAfter(b.get()) ? a.get() : b.get());
    }

    private Optional<Instant> notBefore(Notifier notifier, String method, Destination destination) {
        return pace.notBefore(notifier.platform(), method, destination, clock.instant());
    }

    private Optional<Instant> latest(Notifier notifier, List<MessageRef> copies) {
        return copies.stream().map(c -> notBefore(notifier, ANY, c.destination())).flatMap(Optional::stream).max(Instant::compareTo);
    }

    /** The card as a destination shows it: a queue's channel or a room is shared, so it gets only the buttons anyone may use. */
    static Card shownAt(Card card, Destination destination) {
        return destination != null && destination.shared() ? card.shared() : card;
    }

    /** What an older duplicate of a card turns into: the card's title, a pointer below, no buttons. */
    static Card movedBelow(Card card) {
        return new Card(card.leadId(), card.title(), card.subtitle(), "This card moved below.", List.of(), List.of());
    }

    static Duration backoff(int attempts) {
        long seconds = Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(attempts, 20));
        long jitterMillis = ThreadLocalRandom.current().nextLong(0, 1000);
        return Duration.ofSeconds(seconds).plusMillis(jitterMillis);
    }
}
