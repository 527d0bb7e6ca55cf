package dev.leadline.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.methods.response.users.UsersLookupByEmailResponse;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is who between Slack and Leadline: a Slack user is the rep with the same email (asked of Slack
 * once, then remembered on the rep as their {@code slack} identity), and a rep's direct messages go
 * to that user. Users with no rep are not asked about again for a few minutes.
 */
public final class SlackPeople {
    static final String PLATFORM = "slack";
    private static final Duration FORGET_STRANGERS = Duration.ofMinutes(5);
    private static final Actor SLACK_ACTOR = new Actor("system", "slack");

    private final TeamService team;
    private final SlackClients clients;
    private final Clock clock;
    private final Map<String, Instant> strangers = new ConcurrentHashMap<>();

    public SlackPeople(TeamService team, SlackClients clients, Clock clock) {
        this.team = team;
        this.clients = clients;
        this.clock = clock;
    }

    /** The rep behind a Slack user of a workspace, or empty when the user is not on the team. */
    public Optional<Rep> rep(String teamId, String userId, MethodsClient slack) {
        String key = clients.address(teamId, userId).toString();
        Optional<Rep> known = team.repByChatIdentity(PLATFORM, key);
        if (known.isPresent()) {
            return known.filter(Rep::active);
        }
        Instant now = clock.instant();
        Instant seen = strangers.get(key);
        if (seen != null && seen.plus(FORGET_STRANGERS).isAfter(now)) {
            return Optional.empty();
        }
        Optional<Rep> rep = email(slack, userId).flatMap(team::repByEmail).filter(Rep::active)
                .map(r -> team.linkChatIdentity(r, PLATFORM, key, SLACK_ACTOR));
        if (rep.isEmpty()) {
            strangers.put(key, now);
        }
        return rep;
    }

    /** Where a rep's direct messages go; found by email in a single workspace, known from their first use in many. */
    public Optional<SlackClients.Address> address(Rep rep) throws IOException, SlackApiException {
        String known = rep.chatIdentities().get(PLATFORM);
        if (known != null) {
            return Optional.of(SlackClients.Address.parse(known));
        }
        Optional<MethodsClient> slack = clients.client(new SlackClients.Address(Optional.empty(), ""));
        if (slack.isEmpty()) {
            return Optional.empty();
        }
        UsersLookupByEmailResponse found = slack.get().usersLookupByEmail(r -> r.email(rep.email()));
        if (!found.isOk() || found.getUser() == null) {
            return Optional.empty();
        }
        team.linkChatIdentity(rep, PLATFORM, found.getUser().getId(), SLACK_ACTOR);
        return Optional.of(SlackClients.Address.parse(found.getUser().getId()));
    }

    /** Forgets that a user was unknown (their Slack profile changed, e.g. a new email). */
    public void profileChanged(String teamId, String userId) {
        strangers.remove(clients.address(teamId, userId).toString());
    }

    private static Optional<String> email(MethodsClient slack, String userId) {
        try {
            UsersInfoResponse info = slack.usersInfo(r -> r.user(userId));
            return info.isOk() && info.getUser() != null && info.getUser().getProfile() != null
                    ? Optional.ofNullable(info.getUser().getProfile().getEmail()) : Optional.empty();
        } catch (IOException | SlackApiException e) {
            return Optional.empty();
        }
    }
}
