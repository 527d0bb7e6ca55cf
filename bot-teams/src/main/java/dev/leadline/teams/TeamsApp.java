package dev.leadline.teams;

import dev.leadline.core.chat.ChatConversations;
import dev.leadline.core.chat.ChatDesk;
import dev.leadline.core.chat.SeenRequests;
import dev.leadline.core.lead.LeadService;
import dev.leadline.core.notify.Notifier;
import dev.leadline.core.rooms.RoomRepository;
import dev.leadline.core.team.IdentityConflicts;
import dev.leadline.core.team.TeamService;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The Teams bot, assembled: the Bot Framework transport, the desk behind it, and the notifier the
 * outbox delivers through. Hosted by any HTTP server through {@link #handle}.
 */
public final class TeamsApp implements AutoCloseable {
    /** Where the Azure Bot's messaging endpoint points. */
    public static final String MESSAGES_PATH = "/api/messages";

    private final BotFrameworkTransport transport;
    private final TeamsPeople people;
    private final AdaptiveCards cards;
    private final TeamsSettings settings;
    private final TeamsNotifier notifier;
    private final SeenRequests seen;
    private final Clock clock;
    private volatile TeamsBot bot;
    private volatile LeadService leads;

    /** {@code rooms}: the lead rooms, which Teams makes as threads in the channel of the lead's queue. */
    public TeamsApp(TeamsSettings settings, TeamService team, ChatConversations conversations, IdentityConflicts conflicts,
                    SeenRequests seen, RoomRepository rooms, Clock clock) {
        this.settings = settings;
        this.seen = seen;
        this.clock = clock;
        this.transport = new BotFrameworkTransport(settings, clock);
        this.people = new TeamsPeople(team, conversations, conflicts, clock);
        this.cards = new AdaptiveCards((action, lead, zone) -> bot.form(action, lead, zone));
        TeamsRooms threads = new TeamsRooms(transport, people, rooms, lead -> Optional.ofNullable(leads).map(l -> l.get(lead).queueId())
                .flatMap(queue -> people.queueChannel(queue, settings.tenantId())));
        this.notifier = new TeamsNotifier(transport, people, team, cards, settings.tenantId(), threads);
    }

    /** The outbox's way to Teams. */
    public Notifier notifier() {
        return notifier;
    }

    /** Connects the desk and the leads (built after the notifiers, since the services need them). */
    public void serve(ChatDesk desk, dev.leadline.core.chat.ChatFiles files, LeadService leads) {
        this.leads = leads;
        this.bot = new TeamsBot(desk, files, people, cards, seen, clock);
    }

    /** One {@code POST /api/messages}: the Authorization header and the body as received. */
    public CompletableFuture<TeamsTransport.HttpAnswer> handle(String authorization, String body) {
        if (bot == null) {
            return CompletableFuture.completedFuture(new TeamsTransport.HttpAnswer(503, "{\"error\":\"starting\"}"));
        }
        return transport.receive(authorization, body, bot);
    }

    public TeamsSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        transport.close();
    }
}
