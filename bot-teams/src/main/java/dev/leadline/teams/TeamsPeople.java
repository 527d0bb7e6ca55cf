package dev.leadline.teams;

import dev.leadline.core.chat.ChatConversations;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.IdentityConflicts;
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

    static final String TAKEN = "Your email belongs to a rep who uses another Microsoft 365 account with Leadline, so nothing was done. "
            + "Your Leadline managers have been told; if your account really changed, they can link the new one.";
    private final TeamService team;
    private final ChatConversations conversations;
    private final IdentityConflicts conflicts;
    private final Clock clock;
    private final java.util.Map<String, String> written = new java.util.concurrent.ConcurrentHashMap<>();

    public TeamsPeople(TeamService team, ChatConversations conversations, IdentityConflicts conflicts, Clock clock) {
        this.team = team;
        this.conversations = conversations;
        this.conflicts = conflicts;
        this.clock = clock;
    }

    /** Who a Teams user is to Leadline: a rep, or why not (in words for them). */
    public record Who(Optional<Rep> rep, String whyNot) {}

    /**
     * The active rep behind the sender, or why they are not one: not on the team, or claiming a rep
     * who is linked to another AAD user (never re-bound; the managers are told).
     */
    public Who who(TeamsTransport.Incoming incoming, TeamsTransport.Turn turn) {
        if (incoming.aadObjectId() != null) {
            Optional<Rep> known = team.repByChatIdentity(PLATFORM, incoming.aadObjectId());
            if (known.isPresent()) {
                return known.filter(Rep::active).map(r -> new Who(Optional.of(r), null)).orElseGet(() -> new Who(Optional.empty(), TeamsBot.STRANGER));
            }
        }
        Optional<TeamsTransport.Member> member = turn.sender();
        Optional<Rep> rep = member.flatMap(m -> Optional.ofNullable(m.email()).flatMap(team::repByEmail)
                        .or(() -> Optional.ofNullable(m.userPrincipalName()).flatMap(team::repByEmail)))
                .filter(Rep::active);
        if (rep.isEmpty()) {
            return new Who(Optional.empty(), TeamsBot.STRANGER);
        }
        String aad = member.map(TeamsTransport.Member::aadObjectId).orElse(incoming.aadObjectId());
        if (aad == null) {
            return new Who(rep, null);
        }
        Optional<Rep> linked = team.linkChatIdentity(rep.get(), PLATFORM, aad, TEAMS_ACTOR);
        if (linked.isEmpty()) {
            conflicts.refused(rep.get(), PLATFORM, rep.get().chatIdentities().get(PLATFORM), aad);
            return new Who(Optional.empty(), TAKEN);
        }
        return new Who(linked, null);
    }

    /** Remembers where this conversation is, and for a personal chat that it is the sender's. */
    public void seen(TeamsTransport.Incoming incoming) {
        TeamsAddress address = incoming.conversation();
        if (address.conversationId() == null) {
            return;
        }
        remember(SERVICE_URL, address.serviceUrl());
        if (incoming.aadObjectId() != null && incoming.userId() != null && incoming.userId().startsWith("29:")) {
            remember("mri:" + incoming.aadObjectId(), incoming.userId()); // the id a card's refresh.userIds names
        }
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

    /** The rep's Teams user id ({@code 29:...}), once they have written to the bot or clicked a card. */
    public Optional<String> userId(long repId) {
        return team.rep(repId).flatMap(rep -> Optional.ofNullable(rep.chatIdentities().get(PLATFORM)))
                .flatMap(aad -> conversations.find(PLATFORM, "mri:" + aad));
    }

    /**
     * How a message mentions the rep so that Teams tells them: by their Teams user id once known, else
     * by their Entra object id; empty for a rep who has not used Leadline in Teams.
     */
    public Optional<TeamsTransport.Mention> mention(long repId) {
        return team.rep(repId).filter(Rep::active).flatMap(rep -> Optional.ofNullable(rep.chatIdentities().get(PLATFORM))
                .map(aad -> new TeamsTransport.Mention(conversations.find(PLATFORM, "mri:" + aad).orElse(aad),
                        rep.name().replaceAll("[<>&]", " ").strip())));
    }

    /** A rep's personal chat with the bot, once they have installed the app or written to it. */
    public Optional<TeamsAddress> personalChat(Rep rep) {
        return Optional.ofNullable(rep.chatIdentities().get(PLATFORM))
                .flatMap(aad -> conversations.find(PLATFORM, "user:" + aad)).map(TeamsAddress::parse);
    }

    /** The queue's Teams channel, as {@link #channel} finds it. */
    public Optional<TeamsAddress> queueChannel(long queueId, String tenantId) {
        return team.queue(queueId).flatMap(q -> q.channel(PLATFORM)).flatMap(c -> channel(c, tenantId));
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
