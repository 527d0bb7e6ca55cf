package dev.leadline.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import java.util.Optional;

/**
 * Web API clients with the right bot token: the one token of a single workspace, or the token of the
 * workspace an id belongs to. Ids are kept as Slack gives them in one workspace ({@code C0123},
 * {@code U0456}) and prefixed with the workspace in many ({@code T0789:C0123}).
 */
public final class SlackClients {
    private final Slack slack;
    private final SlackSettings settings;
    private final SlackInstallations installations;

    public SlackClients(Slack slack, SlackSettings settings, SlackInstallations installations) {
        this.slack = slack;
        this.settings = settings;
        this.installations = installations;
    }

    /** An id with the workspace it lives in (empty in single-workspace mode). */
    public record Address(Optional<String> team, String id) {
        public static Address parse(String value) {
            int colon = value.indexOf(':');
            return colon < 0 ? new Address(Optional.empty(), value) : new Address(Optional.of(value.substring(0, colon)), value.substring(colon + 1));
        }

        @Override
        public String toString() {
            return team.map(t -> t + ":" + id).orElse(id);
        }
    }

    /** How an id from this workspace is stored. */
    public Address address(String teamId, String id) {
        return new Address(settings.multiWorkspace() ? Optional.ofNullable(teamId) : Optional.empty(), id);
    }

    /** A client for the address's workspace; empty when the app is not installed there. */
    public Optional<MethodsClient> client(Address address) {
        if (!settings.multiWorkspace()) {
            return Optional.of(slack.methods(settings.botToken()));
        }
        return address.team().flatMap(team -> installations.botToken(null, team)).map(slack::methods);
    }
}
