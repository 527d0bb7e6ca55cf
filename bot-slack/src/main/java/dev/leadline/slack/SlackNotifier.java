package dev.leadline.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import dev.leadline.core.notify.Card;
import dev.leadline.core.notify.Destination;
import dev.leadline.core.notify.MessageRef;
import dev.leadline.core.notify.Notifier;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import com.slack.api.model.Message;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Delivers cards to Slack: new cards with {@code chat.postMessage} (a rep's DM, or the queue's
 * channel), changes with {@code chat.update} on the stored channel and timestamp. Slack's 429 answers
 * come back as "retry after", errors that will not heal (no such channel, bot not in it) as failures.
 * Every card carries its key as message metadata ({@value #METADATA_TYPE}), so that a post whose answer
 * was lost is found again in {@code conversations.history} instead of being posted twice.
 */
public final class SlackNotifier implements Notifier {
    private static final Set<String> PERMANENT = Set.of("channel_not_found", "not_in_channel", "is_archived", "msg_too_long",
            "no_text", "invalid_blocks", "message_not_found", "cant_update_message", "user_not_found", "account_inactive");
    private final SlackClients clients;
    private final SlackPeople people;
    private final TeamService team;
    public static final String PLATFORM = SlackPeople.PLATFORM;
    /** The event type of the metadata every Leadline card carries. */
    public static final String METADATA_TYPE = "leadline_card";
    private static final int HISTORY_PAGE = 200;
    private volatile java.util.function.Consumer<Long> repNotified = rep -> { };
    private final SlackRooms rooms;

    public SlackNotifier(SlackClients clients, SlackPeople people, TeamService team) {
        this(clients, people, team, null);
    }

    /** With {@code rooms}, it also makes lead rooms (channels) and archives them. */
    public SlackNotifier(SlackClients clients, SlackPeople people, TeamService team, dev.leadline.core.rooms.RoomRepository rooms) {
        this.clients = clients;
        this.people = people;
        this.team = team;
        this.rooms = rooms == null ? null : new SlackRooms(clients, people, team, rooms);
    }

    /** Called with the rep's id after a card reached their DMs (the App Home shows it too). */
    public void onRepNotified(java.util.function.Consumer<Long> listener) {
        this.repNotified = listener;
    }

    @Override
    public String platform() {
        return SlackPeople.PLATFORM;
    }

    /** Slack allows about one message per second per channel. */
    @Override
    public Duration minInterval() {
        return Duration.ofSeconds(1);
    }

    @Override
    public Delivery post(Destination destination, String cardKey, Card card) {
        try {
            if (destination.type() == Destination.Type.ROOM) {
                Optional<dev.leadline.core.rooms.Room> room = room(destination);
                return room.isEmpty() ? new Delivery.NoAddress("no Slack room " + destination.id()) : rooms.post(room.get(), cardKey, card);
            }
            Optional<SlackClients.Address> channel = channel(destination);
            if (channel.isEmpty()) {
                return new Delivery.NoAddress("no Slack channel for " + destination.type().name().toLowerCase() + " " + destination.id());
            }
            Optional<MethodsClient> slack = clients.client(channel.get());
            if (slack.isEmpty()) {
                return new Delivery.Failed("the Slack app is not installed in workspace " + channel.get().team().orElse("?"));
            }
            var response = slack.get().chatPostMessage(r -> r.channel(channel.get().id()).text(BlockKitRenderer.fallback(card))
                    .blocks(BlockKitRenderer.render(card))
                    .metadata(Message.Metadata.builder().eventType(METADATA_TYPE).eventPayload(Map.of("card", cardKey)).build()));
            if (!response.isOk()) {
                return refused(response);
            }
            if (destination.type() == Destination.Type.REP) {
                try {
                    repNotified.accept(destination.id());
                } catch (RuntimeException e) {
                    // the card is out; a home tab not refreshed must not make it go out twice
                }
            }
            SlackClients.Address posted = new SlackClients.Address(channel.get().team(), response.getChannel());
            return new Delivery.Delivered(posted + "/" + response.getTs());
        } catch (SlackApiException e) {
            return fromHttp(e);
        } catch (IOException e) {
            // the request may have reached Slack: the next attempt looks for the card before posting again
            return new Delivery.Unknown("no answer from Slack: " + e.getMessage());
        }
    }

    /** The card's messages in the destination's channel since {@code since}, found by their metadata. */
    @Override
    public Lookup find(Destination destination, String cardKey, Instant since) {
        try {
            Optional<SlackClients.Address> channel = channel(destination);
            Optional<MethodsClient> slack = channel.flatMap(clients::client);
            if (slack.isEmpty()) {
                return new Lookup.CannotTell();
            }
            String channelId = channel.get().id();
            if (destination.type() == Destination.Type.REP) {
                // a DM is posted to the user; its history is read from the DM's own channel
                var dm = slack.get().conversationsOpen(r -> r.users(List.of(channel.get().id())));
                if (!dm.isOk() || dm.getChannel() == null) {
                    return new Lookup.CannotTell();
                }
                channelId = dm.getChannel().getId();
            }
            String inChannel = channelId;
            var history = slack.get().conversationsHistory(r -> r.channel(inChannel).includeAllMetadata(true).limit(HISTORY_PAGE)
                    .oldest(since.getEpochSecond() + "." + String.format("%06d", since.getNano() / 1000)));
            if (!history.isOk() || history.getMessages() == null) {
                return new Lookup.CannotTell();
            }
            List<String> refs = history.getMessages().stream()
                    .filter(m -> m.getMetadata() != null && METADATA_TYPE.equals(m.getMetadata().getEventType())
                            && m.getMetadata().getEventPayload() != null && cardKey.equals(m.getMetadata().getEventPayload().get("card")))
                    .map(Message::getTs)
                    .sorted(Comparator.comparing(BigDecimal::new))
                    .map(ts -> new SlackClients.Address(channel.get().team(), inChannel) + "/" + ts)
                    .toList();
            return refs.isEmpty() ? new Lookup.NotFound() : new Lookup.Found(refs);
        } catch (SlackApiException | IOException | RuntimeException e) {
            return new Lookup.CannotTell();
        }
    }

    @Override
    public Delivery update(MessageRef where, Card card) {
        String[] ref = where.ref().split("/", 2);
        if (ref.length != 2) {
            return new Delivery.Failed("not a Slack message reference: " + where.ref());
        }
        SlackClients.Address channel = SlackClients.Address.parse(ref[0]);
        Optional<MethodsClient> slack = clients.client(channel);
        if (slack.isEmpty()) {
            return new Delivery.Failed("the Slack app is not installed in workspace " + channel.team().orElse("?"));
        }
        try {
            String revision = Long.toString(System.nanoTime() & 0xffffffffL, 36);
            var response = slack.get().chatUpdate(r -> r.channel(channel.id()).ts(ref[1]).text(BlockKitRenderer.fallback(card))
                    .blocks(BlockKitRenderer.render(card, revision)));
            if (!response.isOk() && "message_not_found".equals(response.getError())) {
                return new Delivery.Gone("the message was deleted in Slack");
            }
            return response.isOk() ? new Delivery.Delivered(where.ref()) : refused(response);
        } catch (SlackApiException e) {
            return fromHttp(e);
        } catch (IOException e) {
            return new Delivery.RetryLater(Duration.ZERO, "Slack unreachable: " + e.getMessage());
        }
    }

    @Override
    public Delivery archive(Destination room, String lastWords) {
        try {
            Optional<dev.leadline.core.rooms.Room> found = room(room);
            return found.isEmpty() ? new Delivery.NoAddress("no Slack room " + room.id()) : rooms.archive(found.get(), lastWords);
        } catch (SlackApiException e) {
            return fromHttp(e);
        } catch (IOException e) {
            return new Delivery.RetryLater(Duration.ZERO, "Slack unreachable: " + e.getMessage());
        }
    }

    /** Unarchives the channel, which comes back as it was: the words are not said there. */
    @Override
    public Delivery unarchive(Destination room, String words) {
        try {
            Optional<dev.leadline.core.rooms.Room> found = room(room);
            return found.isEmpty() ? new Delivery.NoAddress("no Slack room " + room.id()) : rooms.unarchive(found.get());
        } catch (SlackApiException e) {
            return fromHttp(e);
        } catch (IOException e) {
            return new Delivery.RetryLater(Duration.ZERO, "Slack unreachable: " + e.getMessage());
        }
    }

    private Optional<dev.leadline.core.rooms.Room> room(Destination destination) {
        return rooms == null ? Optional.empty() : rooms.room(destination.id());
    }

    private Optional<SlackClients.Address> channel(Destination destination) throws IOException, SlackApiException {
        if (destination.type() == Destination.Type.ROOM) {
            Optional<dev.leadline.core.rooms.Room> room = room(destination);
            return room.isEmpty() ? Optional.empty() : rooms.channel(room.get());
        }
        if (destination.type() == Destination.Type.QUEUE) {
            return team.queue(destination.id()).flatMap(q -> q.channel(SlackPeople.PLATFORM)).map(SlackClients.Address::parse);
        }
        Optional<Rep> rep = team.rep(destination.id());
        return rep.isPresent() ? people.address(rep.get()) : Optional.empty();
    }

    static Delivery refused(SlackApiTextResponse response) {
        String error = response.getError() == null ? "unknown_error" : response.getError();
        if ("ratelimited".equals(error)) {
            return new Delivery.RetryLater(Duration.ofSeconds(1), error);
        }
        return PERMANENT.contains(error) ? new Delivery.Failed(error) : new Delivery.RetryLater(Duration.ZERO, error);
    }

    private static Delivery fromHttp(SlackApiException e) {
        int status = e.getResponse().code();
        if (status == 429) {
            long seconds = Optional.ofNullable(e.getResponse().header("Retry-After")).filter(v -> v.strip().matches("\\d{1,6}"))
                    .map(v -> Long.parseLong(v.strip())).orElse(1L);
            return new Delivery.RetryLater(Duration.ofSeconds(seconds), "Slack rate limit (429)");
        }
        return new Delivery.RetryLater(Duration.ZERO, "Slack answered HTTP " + status);
    }
}
