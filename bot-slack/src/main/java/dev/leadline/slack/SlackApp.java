package dev.leadline.slack;

import com.slack.api.Slack;
import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.bolt.util.QueryStringParser;
import com.slack.api.bolt.util.SlackRequestParser;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.UserChangeEvent;
import com.slack.api.socket_mode.SocketModeClient;
import dev.leadline.core.chat.ChatCommand;
import dev.leadline.core.chat.ChatDesk;
import dev.leadline.core.chat.ChatPlace;
import dev.leadline.core.chat.ChatReply;
import dev.leadline.core.chat.FormAnswer;
import dev.leadline.core.chat.SeenRequests;
import dev.leadline.core.notify.CardAction;
import dev.leadline.core.notify.LeadAction;
import dev.leadline.core.team.Rep;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack app: Bolt verifies every request's signature (5-minute window) before any listener runs;
 * slash commands and buttons are acknowledged at once and then run as chat commands for the desk,
 * answered ephemerally through the response_url; shared cards change through the outbox. Modal
 * submissions stay synchronous, because their field errors travel in the acknowledgement. Hosted by
 * any HTTP server through {@link #handle}.
 */
public final class SlackApp {
    private static final Logger log = LoggerFactory.getLogger(SlackApp.class);
    private static final Pattern LEAD_ACTIONS = wires(a -> true);
    private static final Pattern FORMS = wires(LeadAction::hasForm);
    private static final Pattern VIEW_ACTIONS = Pattern.compile(Pattern.quote(CardAction.ShowView.PREFIX) + "[a-z-]+");

    private final App app;
    private final SlackRequestParser parser;
    private final ChatDesk desk;
    private final SlackPeople people;
    private final SlackClients clients;
    private final RecentIds events = new RecentIds(10_000);
    private SocketModeApp socketMode;
    private final AfterAck afterAck = new AfterAck();
    private final SlackHome home;
    private final HomeRefreshes homeRefreshes;
    private final SeenRequests seen;
    private final Clock clock;
    private final SlackSignature.Verifier verifier;
    /** How far a request's timestamp may be from now, either way (Slack's own advice: 5 minutes). */
    static final Duration FRESHNESS = Duration.ofMinutes(5);
    /** How long the signatures of interactive payloads are remembered, to acknowledge a replay without acting on it. */
    static final Duration REPLAY_WINDOW = Duration.ofMinutes(10);

    /** An HTTP request as received, body unchanged (the signature covers its exact bytes). */
    public record HttpRequest(String path, String query, Map<String, List<String>> headers, String body, String remoteAddress) {}

    /** The answer to send back. */
    public record HttpResponse(int status, String contentType, Map<String, List<String>> headers, String body) {}

    private final SlackFiles files;

    public SlackApp(SlackSettings settings, Slack slack, ChatDesk desk, dev.leadline.core.chat.ChatFiles files, SlackPeople people,
                    SlackClients clients, SlackInstallations installations, SeenRequests seen, Clock clock) {
        this.files = new SlackFiles(files, clients, people);
        this.seen = seen;
        this.clock = clock;
        this.verifier = settings.signingSecret() == null ? null
                : new SlackSignature.Verifier(new SlackSignature.Generator(settings.signingSecret()));
        this.desk = desk;
        this.people = people;
        this.clients = clients;
        this.home = new SlackHome(clients, people, desk);
        this.homeRefreshes = new HomeRefreshes(home::publish, HomeRefreshes.GAP);
        AppConfig config = AppConfig.builder().signingSecret(settings.signingSecret()).singleTeamBotToken(settings.botToken())
                .clientId(settings.clientId()).clientSecret(settings.clientSecret()).redirectUri(settings.redirectUri())
                .scope(settings.multiWorkspace() ? SlackSettings.BOT_SCOPES : null)
                .oauthInstallPath(settings.multiWorkspace() ? INSTALL_PATH : null)
                .oauthRedirectUriPath(settings.multiWorkspace() ? REDIRECT_PATH : null).slack(slack).build();
        this.app = new App(config);
        if (settings.multiWorkspace()) {
            app.asOAuthApp(true).service((com.slack.api.bolt.service.InstallationService) installations)
                    .service((com.slack.api.bolt.service.OAuthStateService) installations).enableTokenRevocationHandlers();
        }
        this.parser = new SlackRequestParser(config);
        register();
    }

    /** Where a workspace admin starts installing the app (multi-workspace mode). */
    public static final String INSTALL_PATH = "/slack/install";
    /** Where Slack sends the admin back with the grant. */
    public static final String REDIRECT_PATH = "/slack/oauth_redirect";

    /** Whether requests may come over HTTP: only with a signing secret to verify them. */
    public boolean servesHttp() {
        return app.config().getSigningSecret() != null;
    }

    public HttpResponse handle(HttpRequest request) {
        Optional<String> timestamp = header(request, SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP);
        if (timestamp.isPresent() && !fresh(timestamp.get())) {
            return new HttpResponse(401, "text/plain", Map.of(), "the request's timestamp is more than 5 minutes from now");
        }
        Optional<String> signature = header(request, SlackSignature.HeaderNames.X_SLACK_SIGNATURE);
        if (request.body().startsWith("payload=") && timestamp.isPresent() && signature.isPresent() && verifier != null
                && verifier.isValid(timestamp.get(), request.body(), signature.get(), clock.millis())
                && !seen.firstTime("slack:" + signature.get(), clock.instant(), REPLAY_WINDOW)) {
            log.info("a Slack interactive request was received again; acknowledged without acting on it");
            return new HttpResponse(200, "text/plain", Map.of(), "");
        }
        Request<?> slackRequest = parser.parse(SlackRequestParser.HttpRequest.builder().requestUri(request.path())
                .queryString(QueryStringParser.toMap(request.query())).headers(new RequestHeaders(request.headers()))
                .requestBody(request.body()).remoteAddress(request.remoteAddress()).build());
        if (slackRequest == null) {
            return new HttpResponse(400, "text/plain", Map.of(), "not a Slack request");
        }
        try {
            Response response = app.run(slackRequest);
            return new HttpResponse(response.getStatusCode(), response.getContentType(),
                    response.getHeaders() == null ? Map.of() : response.getHeaders(), response.getBody());
        } catch (Exception e) {
            log.error("Slack request failed", e);
            return new HttpResponse(500, "application/json", Map.of(), "{\"error\":\"internal error\"}");
        }
    }

    private boolean fresh(String timestamp) {
        try {
            long seconds = Long.parseLong(timestamp.strip());
            return Math.abs(clock.instant().getEpochSecond() - seconds) <= FRESHNESS.toSeconds();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Optional<String> header(HttpRequest request, String name) {
        return request.headers().entrySet().stream().filter(h -> h.getKey() != null && h.getKey().equalsIgnoreCase(name))
                .flatMap(h -> h.getValue().stream()).findFirst();
    }

    private void register() {
        registerCommands();
        registerActions();
        registerLinks();
        registerModalsAndEvents();
    }

    private void registerCommands() {
        for (String command : List.of("/leads", "/lead")) {
            app.command(command, (req, ctx) -> {
                String text = command.substring(1) + " " + text(req.getPayload().getText());
                String team = ctx.getTeamId();
                String user = req.getPayload().getUserId();
                ChatPlace place = new ChatPlace(SlackPeople.PLATFORM, clients.address(team, req.getPayload().getChannelId()).toString());
                afterAck.run(() -> {
                    ChatReply reply = AfterAck.answer(() -> asRep(team, user, ctx.client(), rep -> desk.handle(text, rep, place)));
                    ctx.respond(r -> r.responseType("ephemeral").text(SlackText.mrkdwn(reply.message())).blocks(BlockKitRenderer.reply(reply)));
                    home.refresh(team, user);
                });
                return ctx.ack();
            });
        }
    }

    private void registerActions() {
        // a button that acts at once is answered after the ack; one with a form opens it while the trigger is fresh
        app.blockAction(LEAD_ACTIONS, (req, ctx) -> {
            var pressed = req.getPayload().getActions().get(0);
            LeadAction action = LeadAction.ofWire(pressed.getActionId()).orElseThrow();
            String team = ctx.getTeamId();
            String user = req.getPayload().getUser().getId();
            if (action.hasForm()) {
                SlackPeople.Who who = people.who(team, user, ctx.client());
                if (who.rep().isEmpty()) {
                    ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(who.whyNot()));
                    return ctx.ack();
                }
                var opened = ctx.client().viewsOpen(r -> r.triggerId(req.getPayload().getTriggerId())
                        .view(SlackModals.form(desk.form(action, pressed.getValue(), who.rep().get().timeZone()))));
                if (!opened.isOk()) {
                    log.warn("views.open for {} failed: {}", action.wire(), opened.getError());
                }
                return ctx.ack();
            }
            afterAck.run(() -> {
                ChatReply reply = AfterAck.answer(() -> asRep(team, user, ctx.client(),
                        rep -> desk.act(action, pressed.getValue(), Map.of(), rep, new ChatPlace(SlackPeople.PLATFORM, null)).reply()));
                ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(SlackText.mrkdwn(reply.message())));
                home.refresh(team, user);
            });
            return ctx.ack();
        });
    }

    private void registerLinks() {
        // a link button opens its page in the browser; Slack still reports the click, which needs only an ack
        app.blockAction(CardAction.Open.WIRE, (req, ctx) -> ctx.ack());
        // "Show more" under a list: the next page of the same view
        app.blockAction(BlockKitRenderer.MORE, (req, ctx) -> {
            String[] more = String.valueOf(req.getPayload().getActions().get(0).getValue()).split("\n", 2);
            String team = ctx.getTeamId();
            String user = req.getPayload().getUser().getId();
            afterAck.run(() -> {
                ChatReply reply = AfterAck.answer(() -> asRep(team, user, ctx.client(),
                        rep -> desk.run(new ChatCommand.ListLeads(more[0], more.length > 1 ? more[1] : null), rep)));
                ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(SlackText.mrkdwn(reply.message())).blocks(BlockKitRenderer.reply(reply)));
            });
            return ctx.ack();
        });
        // the digest's buttons open a list view, as /leads <view> would
        app.blockAction(VIEW_ACTIONS, (req, ctx) -> {
            String view = req.getPayload().getActions().get(0).getActionId().substring("view-".length());
            String team = ctx.getTeamId();
            String user = req.getPayload().getUser().getId();
            afterAck.run(() -> {
                ChatReply reply = AfterAck.answer(() -> asRep(team, user, ctx.client(), rep -> desk.handle("leads " + view, rep)));
                ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(SlackText.mrkdwn(reply.message())).blocks(BlockKitRenderer.reply(reply)));
            });
            return ctx.ack();
        });
    }

    private void registerModalsAndEvents() {
        app.viewSubmission(FORMS, (req, ctx) -> {
            var view = req.getPayload().getView();
            String team = ctx.getTeamId();
            Optional<Rep> rep = people.rep(team, req.getPayload().getUser().getId(), ctx.client());
            if (rep.isEmpty()) {
                return ctx.ack();
            }
            LeadAction action = LeadAction.ofWire(view.getCallbackId()).orElseThrow();
            var state = view.getState() == null || view.getState().getValues() == null
                    ? Map.<String, Map<String, com.slack.api.model.view.ViewState.Value>>of() : view.getState().getValues();
            String lead = view.getPrivateMetadata();
            FormAnswer answer = desk.act(action, lead, SlackModals.values(desk.form(action, lead, rep.get().timeZone()), state), rep.get());
            if (!answer.done()) {
                return ctx.ackWithErrors(answer.problems());
            }
            afterAck.run(() -> home.refresh(team, req.getPayload().getUser().getId()));
            return ctx.ack();
        });
        app.event(AppHomeOpenedEvent.class, (payload, ctx) -> {
            if (events.firstTime(payload.getEventId())) {
                afterAck.run(() -> home.refresh(payload.getTeamId(), payload.getEvent().getUser()));
            }
            return ctx.ack();
        });
        app.event(com.slack.api.model.event.MessageFileShareEvent.class, (payload, ctx) -> {
            if (events.firstTime(payload.getEventId())) {
                afterAck.run(() -> files.shared(payload.getTeamId(), payload.getEvent()));
            }
            return ctx.ack();
        });
        // a message in a lead's room goes on its timeline when the room logs them (room log on)
        app.event(MessageEvent.class, (payload, ctx) -> {
            MessageEvent said = payload.getEvent();
            if (said.getBotId() == null && said.getUser() != null && events.firstTime(payload.getEventId())) {
                ChatPlace place = new ChatPlace(SlackPeople.PLATFORM, clients.address(payload.getTeamId(), said.getChannel()).toString());
                afterAck.run(() -> people.rep(payload.getTeamId(), said.getUser(), ctx.client())
                        .ifPresent(rep -> desk.heard(place, rep, said.getText())));
            }
            return ctx.ack();
        });
        app.event(UserChangeEvent.class, (payload, ctx) -> {
            people.profileChanged(payload.getTeamId(), payload.getEvent().getUser().getId());
            return ctx.ack();
        });
    }

    /**
     * Publishes a rep's App Home again soon (a card reached their DMs), at Slack's pace and once for
     * several cards that arrive before their turn ({@link HomeRefreshes}).
     */
    public void refreshHomeLater(Rep rep) {
        SlackHome.address(rep).ifPresent(address -> homeRefreshes.ask(address.team().orElse(null), address.id()));
    }

    /**
     * Connects to Slack over Socket Mode (the app-level token opens a WebSocket; Slack then sends
     * commands, actions and events through it), so the bot works without a public URL.
     */
    public synchronized void startSocketMode(String appToken) {
        try {
            socketMode = new SocketModeApp(appToken, SocketModeClient.Backend.JavaWebSocket, app);
            socketMode.startAsync();
            log.info("Slack Socket Mode connected");
        } catch (Exception e) {
            throw new IllegalStateException("Slack Socket Mode could not connect: " + e.getMessage(), e);
        }
    }

    /** Stops taking commands, actions and events over Socket Mode; work already taken goes on. */
    public synchronized void stopSocketMode() {
        if (socketMode != null) {
            try {
                socketMode.close();
            } catch (Exception e) {
                log.warn("Slack Socket Mode did not close cleanly: {}", e.getMessage());
            }
            socketMode = null;
        }
    }

    /** Stops taking work after acks, letting what was taken finish (at most 10 s). */
    public void close() {
        stopSocketMode();
        homeRefreshes.close();
        afterAck.close();
    }

    private ChatReply asRep(String teamId, String userId, com.slack.api.methods.MethodsClient slack,
                            java.util.function.Function<Rep, ChatReply> work) {
        SlackPeople.Who who = people.who(teamId, userId, slack);
        return who.rep().map(work).orElseGet(() -> ChatReply.text(who.whyNot()));
    }

    /** The names of the lead actions that {@code which} picks. */
    private static Pattern wires(java.util.function.Predicate<LeadAction> which) {
        return Pattern.compile(java.util.Arrays.stream(LeadAction.values()).filter(which)
                .map(a -> Pattern.quote(a.wire())).collect(java.util.stream.Collectors.joining("|")));
    }

    private static String text(String text) {
        return text == null ? "" : text;
    }
}
