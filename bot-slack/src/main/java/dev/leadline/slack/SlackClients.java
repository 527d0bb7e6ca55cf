package dev.leadline.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import java.io.IOException;
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
    /** The one workspace's id in single-workspace mode, asked of Slack ({@code auth.test}) once it answers. */
    private volatile String homeTeam;

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

    /**
     * True when the workspace is one this Leadline serves: the bot token's own workspace, or one that
     * installed the app. False when Slack cannot tell us which workspace the token is for (asked again next time).
     */
    public boolean serves(String teamId) {
        if (settings.multiWorkspace()) {
            return teamId != null && installations.botToken(null, teamId).isPresent();
        }
        if (teamId == null) {
            return true; // a signed request that names no workspace can only come from ours
        }
        String home = homeTeam;
        if (home == null) {
            try {
                var auth = slack.methods(settings.botToken()).authTest(r -> r);
                if (!auth.isOk() || auth.getTeamId() == null) {
                    return false;
                }
                home = auth.getTeamId();
                homeTeam = home;
            } catch (IOException | SlackApiException e) {
                return false;
            }
        }
        return home.equals(teamId);
    }

    /** The bot token for the address's workspace; empty when the app is not installed there. */
    Optional<String> token(Address address) {
        if (!settings.multiWorkspace()) {
            return Optional.of(settings.botToken());
        }
        return address.team().flatMap(team -> installations.botToken(null, team));
    }

    /**
     * Whether the bot token may be sent to this URL: Slack's own hosts ({@code *.slack.com}) or the host
     * of the Web API the server is set to (a proxy, a test's stub), over https unless that API is http.
     */
    boolean isSlackUrl(java.net.URI url) {
        java.net.URI api = java.net.URI.create(settings.apiUrl());
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(java.util.Locale.ROOT);
        boolean slackHost = ("https".equals(url.getScheme()) && (host.equals("slack.com") || host.endsWith(".slack.com")));
        boolean apiHost = host.equalsIgnoreCase(api.getHost()) && url.getPort() == api.getPort() && url.getScheme().equals(api.getScheme());
        return slackHost || apiHost;
    }

    /** A client for the address's workspace; empty when the app is not installed there. */
    public Optional<MethodsClient> client(Address address) {
        if (!settings.multiWorkspace()) {
            return Optional.of(slack.methods(settings.botToken()));
        }
        return address.team().flatMap(team -> installations.botToken(null, team)).map(slack::methods);
    }
}
