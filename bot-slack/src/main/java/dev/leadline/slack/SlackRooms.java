package dev.leadline.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.model.ConversationType;
import com.slack.api.model.Message;
import dev.leadline.core.notify.Card;
import dev.leadline.core.notify.Notifier.Delivery;
import dev.leadline.core.rooms.Room;
import dev.leadline.core.rooms.RoomNames;
import dev.leadline.core.rooms.RoomRepository;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lead rooms in Slack: a public channel ({@code conversations.create}; a taken name gets {@code -2},
 * {@code -3}...), its reps invited, the card posted and pinned. Where the app may not make channels, the
 * room is a thread under the lead's card. A creation whose answer was lost is found again by name (a
 * channel of that name the bot is in), never made twice.
 */
final class SlackRooms {
    private static final Logger log = LoggerFactory.getLogger(SlackRooms.class);
    /** Answers that say this app cannot make channels here: the room becomes a thread. */
    private static final Set<String> CANNOT_CREATE = Set.of("missing_scope", "restricted_action", "not_allowed_token_type",
            "no_permission", "team_access_not_granted", "ekm_access_denied");
    private static final int SUFFIXES = 5;
    private final SlackClients clients;
    private final SlackPeople people;
    private final TeamService team;
    private final RoomRepository rooms;

    SlackRooms(SlackClients clients, SlackPeople people, TeamService team, RoomRepository rooms) {
        this.clients = clients;
        this.people = people;
        this.team = team;
        this.rooms = rooms;
    }

    /** The room, when it is Slack's. */
    Optional<Room> room(long id) {
        return rooms.find(id).filter(r -> SlackPeople.PLATFORM.equals(r.platform()));
    }

    /** The room's channel, looked for by name when its creation was never answered; empty while it has none. */
    Optional<SlackClients.Address> channel(Room room) throws IOException, SlackApiException {
        if (room.address() != null) {
            return Optional.of(SlackClients.Address.parse(room.address().split("/", 2)[0]));
        }
        Optional<MethodsClient> slack = client(room);
        for (int n = 1; slack.isPresent() && n <= SUFFIXES; n++) {
            Optional<String> ours = ours(slack.get(), name(room, n));
            if (ours.isPresent()) {
                return Optional.of(placed(room, name(room, n), ours.get()));
            }
        }
        return Optional.empty();
    }

    /** Makes the room (once), invites its reps, posts the card there and pins it. */
    Delivery post(Room room, String cardKey, Card card) throws IOException, SlackApiException {
        Optional<MethodsClient> slack = client(room);
        if (slack.isEmpty()) {
            return new Delivery.Failed("the Slack app is not installed where " + room.lead() + "'s room would be");
        }
        String address = room.address();
        if (address == null) {
            Optional<String> made = make(slack.get(), room);
            if (made.isEmpty()) {
                return new Delivery.Failed("no channel could be made for " + room.lead() + ", and it has no card to thread under");
            }
            address = made.get();
        }
        String[] where = address.split("/", 2);
        SlackClients.Address channel = SlackClients.Address.parse(where[0]);
        if (where.length == 1) {
            invite(slack.get(), channel.id(), room);
        }
        var posted = slack.get().chatPostMessage(r -> r.channel(channel.id()).threadTs(where.length == 2 ? where[1] : null)
                .text(BlockKitRenderer.fallback(card)).blocks(BlockKitRenderer.render(card))
                .metadata(Message.Metadata.builder().eventType(SlackNotifier.METADATA_TYPE).eventPayload(Map.of("card", cardKey)).build()));
        if (!posted.isOk()) {
            return SlackNotifier.refused(posted);
        }
        var pinned = slack.get().pinsAdd(r -> r.channel(channel.id()).timestamp(posted.getTs()));
        if (!pinned.isOk()) {
            log.info("the card in {}'s room was posted but not pinned: {}", room.lead(), pinned.getError());
        }
        return new Delivery.Delivered(channel + "/" + posted.getTs());
    }

    /** Says why, then archives the channel (a thread only hears why). */
    Delivery archive(Room room, String lastWords) throws IOException, SlackApiException {
        Optional<MethodsClient> slack = client(room);
        if (room.address() == null || slack.isEmpty()) {
            return new Delivery.RetryLater(java.time.Duration.ofSeconds(5), "the room is not made yet");
        }
        String[] where = room.address().split("/", 2);
        String channel = SlackClients.Address.parse(where[0]).id();
        var said = slack.get().chatPostMessage(r -> r.channel(channel).threadTs(where.length == 2 ? where[1] : null).text(lastWords));
        if (!said.isOk() && !"is_archived".equals(said.getError())) {
            return SlackNotifier.refused(said);
        }
        if (where.length == 2) {
            return new Delivery.Delivered(room.address());
        }
        var archived = slack.get().conversationsArchive(r -> r.channel(channel));
        return archived.isOk() || "already_archived".equals(archived.getError()) ? new Delivery.Delivered(room.address())
                : SlackNotifier.refused(archived);
    }

    Delivery unarchive(Room room) throws IOException, SlackApiException {
        Optional<MethodsClient> slack = client(room);
        if (room.address() == null || room.address().contains("/") || slack.isEmpty()) {
            return new Delivery.Delivered(""); // never made, or a thread: nothing was archived
        }
        String channel = SlackClients.Address.parse(room.address()).id();
        var back = slack.get().conversationsUnarchive(r -> r.channel(channel));
        return back.isOk() || "not_archived".equals(back.getError()) ? new Delivery.Delivered(room.address()) : SlackNotifier.refused(back);
    }

    /** The new channel's address, or the lead's card's (a thread) where channels cannot be made; empty when neither. */
    private Optional<String> make(MethodsClient slack, Room room) throws IOException, SlackApiException {
        for (int n = 1; n <= SUFFIXES; n++) {
            String name = name(room, n);
            var created = slack.conversationsCreate(r -> r.name(name).isPrivate(false));
            if (created.isOk()) {
                return Optional.of(placed(room, name, created.getChannel().getId()).toString());
            }
            if (CANNOT_CREATE.contains(created.getError())) {
                log.info("Slack would not make a channel for {} ({}); its room is a thread under its card", room.lead(), created.getError());
                Optional<String> card = rooms.cardRef(room.lead(), SlackPeople.PLATFORM);
                card.ifPresent(ref -> rooms.placed(room.id(), room.name(), ref));
                return card;
            }
            if (!"name_taken".equals(created.getError())) {
                throw new IOException("conversations.create answered " + created.getError());
            }
            Optional<String> ours = ours(slack, name); // made by an attempt whose answer was lost
            if (ours.isPresent()) {
                return Optional.of(placed(room, name, ours.get()).toString());
            }
        }
        return Optional.empty();
    }

    private SlackClients.Address placed(Room room, String name, String channelId) throws IOException, SlackApiException {
        SlackClients.Address channel = new SlackClients.Address(workspace(room), channelId);
        rooms.placed(room.id(), name, channel.toString());
        return channel;
    }

    /** The id of the channel named {@code name} that the bot is in (it made it). */
    private static Optional<String> ours(MethodsClient slack, String name) throws IOException, SlackApiException {
        String cursor = null;
        do {
            String page = cursor;
            var list = slack.conversationsList(r -> r.types(List.of(ConversationType.PUBLIC_CHANNEL)).limit(1000).cursor(page));
            if (!list.isOk() || list.getChannels() == null) {
                throw new IOException("conversations.list answered " + list.getError());
            }
            Optional<String> found = list.getChannels().stream().filter(c -> name.equals(c.getName()) && c.isMember()).map(c -> c.getId()).findFirst();
            if (found.isPresent()) {
                return found;
            }
            cursor = list.getResponseMetadata() == null ? null : list.getResponseMetadata().getNextCursor();
        } while (cursor != null && !cursor.isEmpty());
        return Optional.empty();
    }

    private void invite(MethodsClient slack, String channel, Room room) throws IOException, SlackApiException {
        List<String> users = new ArrayList<>();
        for (long repId : room.invitees()) {
            Optional<Rep> rep = team.rep(repId);
            if (rep.isPresent()) {
                people.address(rep.get()).ifPresent(a -> users.add(a.id()));
            }
        }
        if (!users.isEmpty()) {
            var invited = slack.conversationsInvite(r -> r.channel(channel).users(users).force(true));
            if (!invited.isOk() && !"already_in_channel".equals(invited.getError())) {
                log.info("inviting {} to {}'s room: {}", users, room.lead(), invited.getError());
            }
        }
    }

    /** The room's workspace: its first invitee's (the single workspace's when there is one). */
    private Optional<String> workspace(Room room) throws IOException, SlackApiException {
        for (long repId : room.invitees()) {
            Optional<Rep> rep = team.rep(repId);
            Optional<SlackClients.Address> address = rep.isPresent() ? people.address(rep.get()) : Optional.empty();
            if (address.isPresent()) {
                return address.get().team();
            }
        }
        return Optional.empty();
    }

    private Optional<MethodsClient> client(Room room) throws IOException, SlackApiException {
        return clients.client(new SlackClients.Address(workspace(room), ""));
    }

    private static String name(Room room, int n) {
        return n == 1 ? room.name() : RoomNames.withSuffix(room.name(), "-" + n, RoomNames.MAX);
    }
}
