package dev.leadline.teams;

import dev.leadline.core.lead.LeadId;
import dev.leadline.core.notify.Notifier.Delivery;
import dev.leadline.core.notify.Notifier.Lookup;
import dev.leadline.core.rooms.Room;
import dev.leadline.core.rooms.RoomRepository;
import dev.leadline.teams.TeamsTransport.Mention;
import dev.leadline.teams.TeamsTransport.Message;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Lead rooms in Teams: a thread (a channel conversation) that the bot starts in the team channel of
 * the lead's queue, with the lead's card as its first message. Its address is the thread's conversation
 * id ({@code 19:...@thread.tacv2;messageid=...}), which every message in the thread arrives with.
 * Teams lets a bot neither pin, nor invite, nor archive a thread: the card opens the thread (it is the
 * message everyone sees first), the room's reps are mentioned in it so that Teams tells them, and
 * archiving says why in the thread while the room is marked archived here. A start whose answer was
 * lost is not made again: Teams cannot look it up, so the delivery waits until the thread is known.
 */
final class TeamsRooms {
    private final TeamsTransport transport;
    private final TeamsPeople people;
    private final RoomRepository rooms;
    private final Function<LeadId, Optional<TeamsAddress>> channels;

    /** @param channels the team channel of a lead's queue, as the bot knows it */
    TeamsRooms(TeamsTransport transport, TeamsPeople people, RoomRepository rooms, Function<LeadId, Optional<TeamsAddress>> channels) {
        this.transport = transport;
        this.people = people;
        this.rooms = rooms;
        this.channels = channels;
    }

    /** The room, when it is Teams'. */
    Optional<Room> room(long id) {
        return rooms.find(id).filter(r -> TeamsPeople.PLATFORM.equals(r.platform()));
    }

    /** Starts the room's thread with the card, once; a card posted again (deleted in Teams) goes into the thread. */
    Delivery post(Room room, Message card) throws TeamsTransport.CallFailed {
        Optional<TeamsAddress> channel = channels.apply(room.lead());
        if (channel.isEmpty()) {
            return new Delivery.Failed(room.lead() + "'s queue has no Teams channel the bot has been added to, so its room has nowhere to be");
        }
        if (room.address() != null) {
            TeamsAddress thread = in(channel.get(), room.address());
            return new Delivery.Delivered(TeamsNotifier.ref(thread, transport.send(thread, card).orElse("")));
        }
        TeamsTransport.ChannelThread made = transport.startThread(channel.get(), introduced(room, card));
        rooms.placed(room.id(), room.name(), made.conversationId());
        return new Delivery.Delivered(TeamsNotifier.ref(in(channel.get(), made.conversationId()), made.activityId()));
    }

    /**
     * After a start whose answer was lost: the card at the head of the thread, once the room's thread
     * is known; until then the start is not tried again (Teams has no way to look the thread up).
     */
    Lookup find(Room room) {
        Optional<TeamsAddress> channel = channels.apply(room.lead());
        if (room.address() == null || channel.isEmpty()) {
            return new Lookup.Pending("Teams cannot tell whether " + room.lead() + "'s room was started; it is not started twice");
        }
        return new Lookup.Found(List.of(TeamsNotifier.ref(in(channel.get(), room.address()),
                TeamsAddress.threadStart(room.address()).orElse(""))));
    }

    /** Says {@code words} in the room's thread (Teams cannot archive or bring back a thread: the words say it). */
    Delivery say(Room room, String words) throws TeamsTransport.CallFailed {
        Optional<TeamsAddress> channel = channels.apply(room.lead());
        if (room.address() == null || channel.isEmpty()) {
            return new Delivery.RetryLater(Duration.ofSeconds(5), "the room is not made yet");
        }
        TeamsAddress thread = in(channel.get(), room.address());
        return new Delivery.Delivered(TeamsNotifier.ref(thread, transport.send(thread, Message.text(words)).orElse("")));
    }

    /** The card with the room's reps mentioned above it, so that Teams tells them of the room. */
    private Message introduced(Room room, Message card) {
        List<Mention> mentions = room.invitees().stream().map(people::mention).flatMap(Optional::stream).distinct().toList();
        if (mentions.isEmpty()) {
            return card;
        }
        String who = mentions.stream().map(Mention::tag).collect(Collectors.joining(", "));
        return new Message(card.text() + "\n\nThis is " + room.lead() + "'s room: " + who + ".", card.cards(), mentions);
    }

    private static TeamsAddress in(TeamsAddress channel, String conversationId) {
        return new TeamsAddress(channel.serviceUrl(), conversationId, channel.tenantId(), "channel");
    }
}
