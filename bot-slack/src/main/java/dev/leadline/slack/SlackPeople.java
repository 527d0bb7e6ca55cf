package dev.leadline.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.methods.response.users.UsersLookupByEmailResponse;
import com.slack.api.model.User;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.IdentityConflicts;
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
 * to that user. Only users of a workspace this Leadline is installed in count: people from other
 * organisations (Slack Connect) are refused, and a rep's link to their Slack user is never moved to
 * another user (the managers are told instead). Users with no rep are not asked about again for a few minutes.
 */
public final class SlackPeople {
    static final String PLATFORM = "slack";
    private static final Duration FORGET_STRANGERS = Duration.ofMinutes(5);
    private static final Actor SLACK_ACTOR = new Actor("system", "slack");
    static final String STRANGER = "Hello! I don't know you yet: your Slack email is not on the Leadline team. Ask your Leadline admin to add "
            + "you (reps in leadline.yml), then try again.";
    static final String FOREIGN = "Sorry, this Leadline works for its own workspace only, and you are using it from another organisation's "
            + "workspace. Nothing was done.";
    static final String TAKEN = "Your email belongs to a rep who uses another Slack account with Leadline, so nothing was done. Your "
            + "Leadline managers have been told; if your account really changed, they can link the new one.";

    private final TeamService team;
    private final SlackClients clients;
    private final IdentityConflicts conflicts;
    private final Clock clock;
    /** Users who are not reps here, with why and since when, so that Slack is not asked again for a while. */
    private final Map<String, Stranger> strangers = new ConcurrentHashMap<>();

    private record Stranger(Who who, Instant since) {}

    public SlackPeople(TeamService team, SlackClients clients, IdentityConflicts conflicts, Clock clock) {
        this.team = team;
        this.clients = clients;
        this.conflicts = conflicts;
        this.clock = clock;
    }

    /** Who a Slack user is to Leadline: a rep, or why not (in words for them). */
    public record Who(Optional<Rep> rep, String whyNot) {
        static Who rep(Rep rep) {
            return new Who(Optional.of(rep), null);
        }

        static Who not(String why) {
            return new Who(Optional.empty(), why);
        }
    }

    /** The rep behind a Slack user of a workspace, or empty when the user is not on the team. */
    public Optional<Rep> rep(String teamId, String userId, MethodsClient slack) {
        return who(teamId, userId, slack).rep();
    }

    /**
     * The rep behind a Slack user of a workspace ({@code teamId}: where the request came from), or
     * why they are not one: not on the team, from a workspace this Leadline does not serve, or
     * claiming a rep who is linked to another Slack user.
     */
    public Who who(String teamId, String userId, MethodsClient slack) {
        if (!clients.serves(teamId)) {
            return Who.not(FOREIGN);
        }
        String key = clients.address(teamId, userId).toString();
        Optional<Rep> known = team.repByChatIdentity(PLATFORM, key);
        if (known.isPresent()) {
            return known.filter(Rep::active).map(Who::rep).orElseGet(() -> Who.not(STRANGER));
        }
        Instant now = clock.instant();
        Stranger seen = strangers.get(key);
        if (seen != null && seen.since().plus(FORGET_STRANGERS).isAfter(now)) {
            return seen.who();
        }
        Who who = lookUp(key, userId, slack);
        if (who.rep().isEmpty()) {
            strangers.put(key, new Stranger(who, now));
        }
        return who;
    }

    private Who lookUp(String key, String userId, MethodsClient slack) {
        Optional<User> user = user(slack, userId);
        if (user.isEmpty()) {
            return Who.not(STRANGER);
        }
        if (Boolean.TRUE.equals(user.get().isStranger()) || (user.get().getTeamId() != null && !clients.serves(user.get().getTeamId()))) {
            return Who.not(FOREIGN);
        }
        Optional<Rep> rep = Optional.ofNullable(user.get().getProfile()).map(p -> p.getEmail()).flatMap(team::repByEmail).filter(Rep::active);
        if (rep.isEmpty()) {
            return Who.not(STRANGER);
        }
        Optional<Rep> linked = team.linkChatIdentity(rep.get(), PLATFORM, key, SLACK_ACTOR);
        if (linked.isEmpty()) {
            conflicts.refused(rep.get(), PLATFORM, rep.get().chatIdentities().get(PLATFORM), key);
            return Who.not(TAKEN);
        }
        return Who.rep(linked.get());
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
        return team.linkChatIdentity(rep, PLATFORM, found.getUser().getId(), SLACK_ACTOR)
                .map(linked -> SlackClients.Address.parse(found.getUser().getId()));
    }

    /** Forgets that a user was unknown (their Slack profile changed, e.g. a new email). */
    public void profileChanged(String teamId, String userId) {
        String key = clients.address(teamId, userId).toString();
        strangers.remove(key);
    }

    private static Optional<User> user(MethodsClient slack, String userId) {
        try {
            UsersInfoResponse info = slack.usersInfo(r -> r.user(userId));
            return info.isOk() ? Optional.ofNullable(info.getUser()) : Optional.empty();
        } catch (IOException | SlackApiException e) {
            return Optional.empty();
        }
    }
}
