package dev.leadline.mattermost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadline.core.notify.Card;
import dev.leadline.core.notify.Notifier.Delivery;
import dev.leadline.core.rooms.Room;
import dev.leadline.core.rooms.RoomNames;
import dev.leadline.core.rooms.RoomRepository;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lead rooms in Mattermost: a public channel in the team of the lead's card ({@code POST /channels}; a
 * taken name gets {@code -2}, {@code -3}...), its reps added, the card posted and pinned. Where the bot
 * may not make channels (403), the room is a thread under the lead's card. A channel whose creation was
 * never answered is found again by name (one the bot made), never made twice. Archived by deleting the
 * channel (Mattermost keeps it, archived) and brought back with {@code restore}.
 */
final class MattermostRooms {
    private static final Logger log = LoggerFactory.getLogger(MattermostRooms.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SUFFIXES = 5;
    /** Mattermost's longest channel name. */
    private static final int MAX_NAME = 64;
    private final MattermostApi api;
    private final MattermostPeople people;
    private final TeamService team;
    private final RoomRepository rooms;
    private final Attachments attachments;
    private final RoomHooks hooks;

    MattermostRooms(MattermostApi api, MattermostPeople people, TeamService team, RoomRepository rooms, Attachments attachments,
                    RoomHooks hooks) {
        this.hooks = hooks;
        this.api = api;
        this.people = people;
        this.team = team;
        this.rooms = rooms;
        this.attachments = attachments;
    }

    /** The room, when it is Mattermost's. */
    Optional<Room> room(long id) {
        return rooms.find(id).filter(r -> MattermostPeople.PLATFORM.equals(r.platform()));
    }

    /** The room's channel, looked for by name when its creation was never answered; empty while it has none. */
    Optional<String> channel(Room room) throws MattermostApi.Failed {
        if (room.address() != null) {
            return Optional.of(room.address().split("/", 2)[0]);
        }
        String teamId = teamOf(room);
        for (int n = 1; n <= SUFFIXES; n++) {
            Optional<JsonNode> ours = api.channelByName(teamId, name(room, n)).filter(this::ours);
            if (ours.isPresent()) {
                return Optional.of(placed(room, name(room, n), ours.get()));
            }
        }
        return Optional.empty();
    }

    /** Makes the room (once), adds its reps, posts the card there and pins it. */
    Delivery post(Room room, String cardKey, Card card) throws MattermostApi.Failed {
        String address = room.address() != null ? room.address() : make(room).orElse(null);
        if (address == null) {
            return new Delivery.Failed("no channel could be made for " + room.lead() + ", and it has no card to thread under");
        }
        String[] where = address.split("/", 2);
        if (where.length == 1) {
            addMembers(where[0], room);
        }
        ObjectNode post = attachments.post(where[0], cardKey, card);
        if (where.length == 2) {
            post.put("root_id", where[1]);
        }
        String id = api.createPost(post).path("id").asText();
        try {
            api.pin(id);
        } catch (MattermostApi.Failed e) {
            log.info("the card in {}'s room was posted but not pinned: {}", room.lead(), e.getMessage());
        }
        return new Delivery.Delivered(where[0] + "/" + id);
    }

    /** Says why, then archives the channel (a thread only hears why). */
    Delivery archive(Room room, String lastWords) throws MattermostApi.Failed {
        if (room.address() == null) {
            return new Delivery.RetryLater(Duration.ofSeconds(5), "the room is not made yet");
        }
        String[] where = room.address().split("/", 2);
        if (where.length == 1 && archived(where[0])) {
            return new Delivery.Delivered(room.address());
        }
        ObjectNode said = JSON.createObjectNode().put("channel_id", where[0]).put("message", Attachments.escape(lastWords));
        if (where.length == 2) {
            said.put("root_id", where[1]);
        }
        api.createPost(said);
        if (where.length == 1) {
            api.deleteChannel(where[0]);
        }
        return new Delivery.Delivered(room.address());
    }

    Delivery unarchive(Room room) throws MattermostApi.Failed {
        if (room.address() == null || room.address().contains("/")) {
            return new Delivery.Delivered(""); // never made, or a thread: nothing was archived
        }
        if (archived(room.address())) {
            api.restoreChannel(room.address());
        }
        return new Delivery.Delivered(room.address());
    }

    /** The new channel's id, or the lead's card's reference (a thread) where channels cannot be made; empty when neither. */
    private Optional<String> make(Room room) throws MattermostApi.Failed {
        String teamId = teamOf(room);
        for (int n = 1; n <= SUFFIXES; n++) {
            String name = name(room, n);
            try {
                return Optional.of(placed(room, name, api.createChannel(teamId, name, name)));
            } catch (MattermostApi.Failed e) {
                if (e.status() == 403) {
                    log.info("Mattermost would not make a channel for {} (403); its room is a thread under its card", room.lead());
                    Optional<String> card = rooms.cardRef(room.lead(), MattermostPeople.PLATFORM);
                    card.ifPresent(ref -> rooms.placed(room.id(), room.name(), ref));
                    return card;
                }
                // a taken name: ours when an attempt whose answer was lost made it, else the next suffix
                Optional<JsonNode> taken = e.status() == 400 ? api.channelByName(teamId, name) : Optional.empty();
                if (taken.isEmpty()) {
                    throw e;
                }
                if (ours(taken.get())) {
                    return Optional.of(placed(room, name, taken.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** Records where the room is, and gives it its webhook (its files and messages come to Leadline through it). */
    private String placed(Room room, String name, JsonNode channel) {
        String id = channel.path("id").asText();
        rooms.placed(room.id(), name, id);
        hooks.ensure(channel.path("team_id").asText(), id);
        return id;
    }

    private boolean ours(JsonNode channel) {
        try {
            return api.botId().equals(channel.path("creator_id").asText());
        } catch (MattermostApi.Failed e) {
            return false;
        }
    }

    private boolean archived(String channelId) throws MattermostApi.Failed {
        return api.channel(channelId).path("delete_at").asLong(0) != 0;
    }

    private void addMembers(String channelId, Room room) throws MattermostApi.Failed {
        for (long repId : room.invitees()) {
            Optional<Rep> rep = team.rep(repId);
            Optional<String> user = rep.isPresent() ? people.userId(rep.get()) : Optional.empty();
            if (user.isPresent()) {
                try {
                    api.addMember(channelId, user.get());
                } catch (MattermostApi.Failed e) {
                    if (e.status() == 0 || e.status() >= 500) {
                        throw e;
                    }
                    log.info("adding {} to {}'s room: {}", rep.get().email(), room.lead(), e.getMessage());
                }
            }
        }
    }

    /** The team of the channel the lead's card is in; else the bot's first team. */
    private String teamOf(Room room) throws MattermostApi.Failed {
        Optional<String> card = rooms.cardRef(room.lead(), MattermostPeople.PLATFORM);
        if (card.isPresent()) {
            String teamId = api.channel(card.get().split("/", 2)[0]).path("team_id").asText("");
            if (!teamId.isEmpty()) {
                return teamId;
            }
        }
        JsonNode teams = api.myTeams();
        if (teams.size() == 0) {
            throw new MattermostApi.Failed(404, Duration.ZERO, false, "the Mattermost bot is in no team to make " + room.lead() + "'s room in");
        }
        return teams.get(0).path("id").asText();
    }

    private static String name(Room room, int n) {
        return RoomNames.withSuffix(room.name(), n == 1 ? "" : "-" + n, MAX_NAME);
    }
}
