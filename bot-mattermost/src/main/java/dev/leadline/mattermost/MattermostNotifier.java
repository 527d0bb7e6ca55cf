package dev.leadline.mattermost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadline.core.notify.Card;
import dev.leadline.core.notify.Destination;
import dev.leadline.core.notify.MessageRef;
import dev.leadline.core.notify.Notifier;
import dev.leadline.core.rooms.Room;
import dev.leadline.core.rooms.RoomRepository;
import dev.leadline.core.team.TeamService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Delivers cards to Mattermost through the REST API v4: a new post in the queue's channel or in the
 * bot's direct channel with the rep, edited in place later ({@code PUT /posts/{id}/patch}). Every post
 * carries its card key as a prop, so a post whose answer was lost is found again in the channel. Lead
 * rooms are made, archived and brought back by {@link MattermostRooms}.
 */
final class MattermostNotifier implements Notifier {
    static final String CARD_PROP = "leadline_card";
    private static final Set<Integer> RETRY = Set.of(408, 429, 500, 502, 503, 504);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MattermostApi api;
    private final MattermostPeople people;
    private final TeamService team;
    private final Attachments attachments;
    private final MattermostRooms rooms;

    MattermostNotifier(MattermostApi api, MattermostPeople people, TeamService team, Attachments attachments, RoomRepository rooms,
                       RoomHooks hooks) {
        this.api = api;
        this.people = people;
        this.team = team;
        this.attachments = attachments;
        this.rooms = new MattermostRooms(api, people, team, rooms, attachments, hooks);
    }

    @Override
    public String platform() {
        return MattermostPeople.PLATFORM;
    }

    @Override
    public Duration minInterval() {
        return Duration.ofMillis(100);
    }

    @Override
    public Delivery post(Destination destination, String cardKey, Card card) {
        try {
            if (destination.type() == Destination.Type.ROOM) {
                Optional<Room> room = rooms.room(destination.id());
                return room.isEmpty() ? noRoom(destination) : rooms.post(room.get(), cardKey, card);
            }
            Optional<String> channel = channel(destination);
            if (channel.isEmpty()) {
                return new Delivery.NoAddress("no Mattermost channel for " + destination.type().name().toLowerCase() + " " + destination.id());
            }
            JsonNode posted = api.createPost(attachments.post(channel.get(), cardKey, card));
            return new Delivery.Delivered(channel.get() + "/" + posted.path("id").asText());
        } catch (MattermostApi.Failed e) {
            return failed(e);
        }
    }

    @Override
    public Delivery update(MessageRef where, Card card) {
        String[] ref = where.ref().split("/", 2);
        if (ref.length != 2 || ref[1].isEmpty()) {
            return new Delivery.Failed("not a Mattermost post reference: " + where.ref());
        }
        ObjectNode patch = JSON.createObjectNode();
        patch.putObject("props").put(CARD_PROP, where.cardKey()).putArray("attachments").add(attachments.card(card));
        try {
            api.patchPost(ref[1], patch);
            return new Delivery.Delivered(where.ref());
        } catch (MattermostApi.Failed e) {
            return e.status() == 404 ? new Delivery.Gone("the post was deleted in Mattermost") : failed(e);
        }
    }

    @Override
    public Lookup find(Destination destination, String cardKey, Instant since) {
        try {
            Optional<String> channel = channel(destination);
            if (channel.isEmpty()) {
                return new Lookup.NotFound();
            }
            JsonNode found = api.channelPostsSince(channel.get(), since.toEpochMilli());
            List<JsonNode> posts = new ArrayList<>();
            found.path("posts").elements().forEachRemaining(p -> {
                if (cardKey.equals(p.path("props").path(CARD_PROP).asText(null))) {
                    posts.add(p);
                }
            });
            posts.sort(Comparator.comparingLong(p -> p.path("create_at").asLong()));
            List<String> refs = posts.stream().map(p -> channel.get() + "/" + p.path("id").asText()).toList();
            return refs.isEmpty() ? new Lookup.NotFound() : new Lookup.Found(refs);
        } catch (MattermostApi.Failed | RuntimeException e) {
            return new Lookup.CannotTell();
        }
    }

    @Override
    public Delivery archive(Destination room, String lastWords) {
        try {
            Optional<Room> found = rooms.room(room.id());
            return found.isEmpty() ? noRoom(room) : rooms.archive(found.get(), lastWords);
        } catch (MattermostApi.Failed e) {
            return failed(e);
        }
    }

    @Override
    public Delivery unarchive(Destination room, String words) {
        try {
            Optional<Room> found = rooms.room(room.id());
            return found.isEmpty() ? noRoom(room) : rooms.unarchive(found.get());
        } catch (MattermostApi.Failed e) {
            return failed(e);
        }
    }

    private static Delivery noRoom(Destination room) {
        return new Delivery.NoAddress("no Mattermost room " + room.id());
    }

    private Optional<String> channel(Destination destination) throws MattermostApi.Failed {
        if (destination.type() == Destination.Type.QUEUE) {
            return team.queue(destination.id()).flatMap(q -> q.channel(MattermostPeople.PLATFORM));
        }
        if (destination.type() == Destination.Type.ROOM) {
            Optional<Room> room = rooms.room(destination.id());
            return room.isEmpty() ? Optional.empty() : rooms.channel(room.get());
        }
        var rep = team.rep(destination.id());
        if (rep.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> user = people.userId(rep.get());
        if (user.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(api.directChannel(api.botId(), user.get()));
    }

    private static Delivery failed(MattermostApi.Failed e) {
        if (e.status() == 0) {
            return e.mayHaveArrived() ? new Delivery.Unknown(e.getMessage()) : new Delivery.RetryLater(Duration.ZERO, e.getMessage());
        }
        return RETRY.contains(e.status()) ? new Delivery.RetryLater(e.retryAfter(), e.getMessage()) : new Delivery.Failed(e.getMessage());
    }
}
