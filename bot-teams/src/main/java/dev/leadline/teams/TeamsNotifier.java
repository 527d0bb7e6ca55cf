package dev.leadline.teams;

import dev.leadline.core.notify.Card;
import dev.leadline.core.notify.Destination;
import dev.leadline.core.notify.MessageRef;
import dev.leadline.core.notify.Notifier;
import dev.leadline.core.team.TeamService;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Delivers cards to Teams as proactive messages: to a rep's personal chat with the bot, or to a
 * queue's channel ({@code teams} channel id in the queue's settings), then edits the same message on
 * later changes. Teams allows 7 messages per second and 60 per 30 seconds per conversation, so new
 * posts to one conversation are spaced half a second apart. 429, 412, 502 and 504 are retried (after
 * Retry-After when given; the outbox backs off with jitter otherwise); 400, 401, 403 and 404 will not heal.
 */
public final class TeamsNotifier implements Notifier {
    private static final Set<Integer> RETRY = Set.of(0, 408, 412, 429, 500, 502, 503, 504);
    private final TeamsTransport transport;
    private final TeamsPeople people;
    private final TeamService team;
    private final AdaptiveCards cards;
    private final String tenantId;
    private final TeamsRooms rooms;

    TeamsNotifier(TeamsTransport transport, TeamsPeople people, TeamService team, AdaptiveCards cards, String tenantId, TeamsRooms rooms) {
        this.transport = transport;
        this.people = people;
        this.team = team;
        this.cards = cards;
        this.tenantId = tenantId;
        this.rooms = rooms;
    }

    @Override
    public String platform() {
        return TeamsPeople.PLATFORM;
    }

    @Override
    public Duration minInterval() {
        return Duration.ofMillis(500);
    }

    @Override
    public Delivery post(Destination destination, String cardKey, Card card) {
        if (destination.type() == Destination.Type.ROOM) {
            return inRoom(destination, room -> rooms.post(room, message(card, destination, cardKey)));
        }
        Optional<TeamsAddress> to = address(destination);
        if (to.isEmpty()) {
            return new Delivery.NoAddress(destination.type() == Destination.Type.REP
                    ? "rep " + destination.id() + " has not installed the Leadline app in Teams yet"
                    : "queue " + destination.id() + " has no Teams channel");
        }
        try {
            return new Delivery.Delivered(ref(to.get(), transport.send(to.get(), message(card, destination, cardKey)).orElse("")));
        } catch (TeamsTransport.CallFailed e) {
            // Teams has no way to look a message up: a post that timed out is sent again
            return failed(e);
        }
    }

    @Override
    public Delivery update(MessageRef where, Card card) {
        String[] ref = where.ref().split("\n", 3);
        if (ref.length != 3) {
            return new Delivery.Failed("not a Teams message reference: " + where.ref());
        }
        if (ref[2].isEmpty()) {
            return new Delivery.Delivered(where.ref()); // posted without an id: there is nothing to edit
        }
        try {
            transport.update(new TeamsAddress(ref[0], ref[1], tenantId, null), ref[2], message(card, where.destination(), where.cardKey()));
            return new Delivery.Delivered(where.ref());
        } catch (TeamsTransport.CallFailed e) {
            return e.status() == 404 ? new Delivery.Gone("the message was deleted in Teams") : failed(e);
        }
    }

    /** After a room's start whose answer was lost: its card, once the thread is known; never a second start. */
    @Override
    public Lookup find(Destination destination, String cardKey, java.time.Instant since) {
        if (destination.type() != Destination.Type.ROOM) {
            return new Lookup.CannotTell();
        }
        return rooms.room(destination.id()).map(rooms::find).orElseGet(Lookup.CannotTell::new);
    }

    /** Says why in the room's thread; the room is marked archived in Leadline (a bot cannot archive a Teams thread). */
    @Override
    public Delivery archive(Destination room, String lastWords) {
        return inRoom(room, found -> rooms.say(found, lastWords));
    }

    /** Says that the room is open again in its thread (it was never archived in Teams). */
    @Override
    public Delivery unarchive(Destination room, String words) {
        return inRoom(room, found -> rooms.say(found, words));
    }

    private Delivery inRoom(Destination destination, RoomWork work) {
        Optional<dev.leadline.core.rooms.Room> room = rooms.room(destination.id());
        if (room.isEmpty()) {
            return new Delivery.NoAddress("no Teams room " + destination.id());
        }
        try {
            return work.on(room.get());
        } catch (TeamsTransport.CallFailed e) {
            return failed(e);
        }
    }

    @FunctionalInterface
    private interface RoomWork {
        Delivery on(dev.leadline.core.rooms.Room room) throws TeamsTransport.CallFailed;
    }

    /** Service URL, conversation and activity: all an edit needs, kept short for the outbox's 500-character reference. */
    static String ref(TeamsAddress to, String activityId) {
        // without an activity id (a 202 with no body) the card is out but cannot be edited
        return to.serviceUrl() + "\n" + to.conversationId() + "\n" + activityId;
    }

    private Optional<TeamsAddress> address(Destination destination) {
        if (destination.type() == Destination.Type.QUEUE) {
            return people.queueChannel(destination.id(), tenantId);
        }
        return team.rep(destination.id()).flatMap(people::personalChat);
    }

    /**
     * A shared copy (a queue's channel, a room) names the owner in refresh.userIds, so Teams shows them the card with their buttons.
     * A card of its own (a draft's, a hand-off's: not the lead's card key) is never refreshed into the lead's card, which would
     * take its buttons away.
     */
    private TeamsTransport.Message message(Card card, Destination destination, String cardKey) {
        boolean leadsCard = cardKey == null || dev.leadline.core.notify.CardAnnouncer.leadOf(cardKey).isPresent();
        java.util.List<String> refreshFor = leadsCard && destination != null && destination.shared() && card.ownerRepId() != null
                ? people.userId(card.ownerRepId()).stream().toList() : java.util.List.of();
        return new TeamsTransport.Message(card.title() + (card.status() == null ? "" : " — " + card.status()),
                java.util.List.of(cards.render(card, zone(destination), null, false, refreshFor, leadsCard)));
    }

    /** The zone a card's forms read times in: its rep's for a direct message (a channel's copy has no forms). */
    private java.time.ZoneId zone(Destination destination) {
        return Optional.ofNullable(destination).filter(d -> d.type() == Destination.Type.REP).flatMap(d -> team.rep(d.id()))
                .map(dev.leadline.core.team.Rep::timeZone).orElse(java.time.ZoneOffset.UTC);
    }

    private static Delivery failed(TeamsTransport.CallFailed e) {
        if (e.mayHaveArrived()) {
            return new Delivery.Unknown(e.getMessage());
        }
        return RETRY.contains(e.status()) ? new Delivery.RetryLater(e.retryAfter(), e.getMessage()) : new Delivery.Failed(e.getMessage());
    }
}
