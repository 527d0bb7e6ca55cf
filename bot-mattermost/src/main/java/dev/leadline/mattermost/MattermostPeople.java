package dev.leadline.mattermost;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.IdentityConflicts;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import java.util.Optional;

/**
 * Who is who between Mattermost and Leadline: a Mattermost user is the rep with their email (asked of
 * the server once, then kept on the rep as their {@code mattermost} identity); a rep's link is never
 * moved to another user (the managers are told instead).
 */
final class MattermostPeople {
    static final String PLATFORM = "mattermost";
    static final String STRANGER = "Hello! I don't know you yet: your Mattermost email is not on the Leadline team. Ask your Leadline "
            + "admin to add you (reps in leadline.yml), then try again.";
    static final String TAKEN = "Your email belongs to a rep who uses another Mattermost account with Leadline, so nothing was done. "
            + "Your Leadline managers have been told.";
    private static final Actor ACTOR = new Actor("system", PLATFORM);
    private final TeamService team;
    private final MattermostApi api;
    private final IdentityConflicts conflicts;

    MattermostPeople(TeamService team, MattermostApi api, IdentityConflicts conflicts) {
        this.team = team;
        this.api = api;
        this.conflicts = conflicts;
    }

    /** A user: the rep, or why not, in words for them. */
    record Who(Optional<Rep> rep, String whyNot) {}

    Who who(String userId) {
        if (userId == null || userId.isBlank()) {
            return new Who(Optional.empty(), STRANGER);
        }
        Optional<Rep> known = team.repByChatIdentity(PLATFORM, userId);
        if (known.isPresent()) {
            return known.filter(Rep::active).map(r -> new Who(Optional.of(r), null)).orElseGet(() -> new Who(Optional.empty(), STRANGER));
        }
        Optional<Rep> rep;
        try {
            JsonNode user = api.user(userId);
            rep = Optional.ofNullable(user.path("email").asText(null)).filter(e -> !e.isBlank()).flatMap(team::repByEmail).filter(Rep::active);
        } catch (MattermostApi.Failed e) {
            return new Who(Optional.empty(), STRANGER);
        }
        if (rep.isEmpty()) {
            return new Who(Optional.empty(), STRANGER);
        }
        Optional<Rep> linked = team.linkChatIdentity(rep.get(), PLATFORM, userId, ACTOR);
        if (linked.isEmpty()) {
            conflicts.refused(rep.get(), PLATFORM, rep.get().chatIdentities().get(PLATFORM), userId);
            return new Who(Optional.empty(), TAKEN);
        }
        return new Who(linked, null);
    }

    /** The rep's Mattermost user id: known from their first use, or found by email. */
    Optional<String> userId(Rep rep) throws MattermostApi.Failed {
        String known = rep.chatIdentities().get(PLATFORM);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> found = api.userByEmail(rep.email()).map(u -> u.path("id").asText());
        return found.flatMap(id -> team.linkChatIdentity(rep, PLATFORM, id, ACTOR).map(r -> id));
    }
}
