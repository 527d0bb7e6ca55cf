package dev.leadline.teams;

import dev.leadline.core.chat.ChatConversations;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import java.time.Clock;
import java.util.Optional;

/**
 * Who is who between Teams and Leadline. A Teams user is the rep whose email is their Entra ID
 * (AAD) email or UPN, asked of Teams once and then remembered on the rep as their {@code teams}
 * identity (the AAD object id). Where the bot can write to them later (their personal chat) and
 * where channels live is remembered as conversations arrive.
 */
public final class TeamsPeople {
    public static final String PLATFORM = "teams";
    private static final Actor TEAMS_ACTOR = new Actor("system", "teams");
    private static final String SERVICE_URL = "service-url";

    private final TeamService team;
    private final ChatConversations conversations;
    private final Clock clock;
    private final java.util.Map<String, String> written = new java.util.concurrent.ConcurrentHashMap<>();

    public TeamsPeople(TeamService team, ChatConversations conversations, Clock clock) {
        this.team = team;
        this.conversations = conversations;
        this.clock = clock;
    }

    /** The active rep behind the sender, or empty when they are not on the team. */
    public Optional<Rep> rep(TeamsTransport.Incoming incoming, TeamsTransport.Turn turn) {
        if (incoming.aadObjectId() != null) {
            Optional<Rep> known = team.repByChatIdentity(PLATFORM, incoming.aadObjectId());
            if (known.isPresent()) {
                return known.filter(Rep::active);
            }
        }
        Optional<TeamsTransport.Member> member = turn.sender();
        Optional<Rep> rep = member.flatMap(m -> Optional.ofNullable(m.email()).flatMap(team::repByEmail)
                        .or(() -> Optional.ofNullable(m.userPrincipalName()).flatMap(team::repByEmail)))
                .filter(Rep::active);
        String aad = member.map(TeamsTransport.Member::aadObjectId).orElse(incoming.aadObjectId());
        return aad == null ? rep : rep.map(r -> team.linkChatIdentity(r, PLATFORM, aad, TEAMS_ACTOR));
    }

    /** Remembers where this conversation is, and for a personal chat that it is the sender's. */
    public void seen(TeamsTransport.Incoming incoming) {
        TeamsAddress address = incoming.conversation();
        if (address.conversationId() == null) {
            return;
        }
        remember(SERVICE_URL, address.serviceUrl());
        if (incoming.personal() && incoming.aadObjectId() != null) {
            remember("user:" + incoming.aadObjectId(), address.toJson());
        } else if (!incoming.personal()) {
            remember("conversation:" + address.conversationId(), address.toJson());
        }
    }

    /** Writes only what changed since this node last wrote it. */
    private void remember(String key, String value) {
        if (!value.equals(written.get(key))) {
            conversations.remember(PLATFORM, key, value, clock.instant());
            written.put(key, value);
        }
    }

    /** A rep's personal chat with the bot, once they have installed the app or written to it. */
    public Optional<TeamsAddress> personalChat(Rep rep) {
        return Optional.ofNullable(rep.chatIdentities().get(PLATFORM))
                .flatMap(aad -> conversations.find(PLATFORM, "user:" + aad)).map(TeamsAddress::parse);
    }

    /**
     * A channel by its id (a queue's {@code teams} channel): as seen, or else at the service URL the
     * tenant's activities come from.
     */
    public Optional<TeamsAddress> channel(String conversationId, String tenantId) {
        return conversations.find(PLATFORM, "conversation:" + conversationId).map(TeamsAddress::parse)
                .or(() -> conversations.find(PLATFORM, SERVICE_URL).map(url -> new TeamsAddress(url, conversationId, tenantId, "channel")));
    }
}
