package dev.leadline.teams;

import com.auth0.jwt.exceptions.JWTVerificationException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.builder.BotFrameworkAdapter;
import com.microsoft.bot.builder.InvokeResponse;
import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.builder.teams.TeamsInfo;
import com.microsoft.bot.connector.ConnectorClient;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.connector.authentication.AuthenticationConfiguration;
import com.microsoft.bot.connector.authentication.AuthenticationException;
import com.microsoft.bot.connector.authentication.ChannelValidation;
import com.microsoft.bot.connector.rest.RestConnectorClient;
import com.microsoft.bot.restclient.RestException;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.ConversationParameters;
import com.microsoft.bot.schema.ConversationResourceResponse;
import com.microsoft.bot.schema.ResourceResponse;
import com.microsoft.bot.schema.Serialization;
import com.microsoft.bot.schema.teams.TeamsChannelAccount;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bot Framework SDK (bot-builder 4.14.3) behind {@link TeamsTransport}. Inbound: the SDK's
 * {@link BotFrameworkAdapter} checks the JWT (issuer, audience = app id, signing key from the OpenID
 * metadata, channel endorsement, {@code serviceurl} claim); then the tenant must be the configured
 * one. The bot itself runs on our own small pool, never on the SDK's shared one. Outbound: the SDK's
 * REST connector client per service URL, authenticated with {@link BotToken}.
 */
public final class BotFrameworkTransport implements TeamsTransport, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BotFrameworkTransport.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(8);

    private final BotFrameworkAdapter adapter;
    private final AppCredentials credentials;
    private final TeamsFiles files;
    private final String tenantId;
    private final Map<String, ConnectorClient> clients = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(8, r -> {
        Thread thread = new Thread(r, "teams-turn");
        thread.setDaemon(true);
        return thread;
    });

    public BotFrameworkTransport(TeamsSettings settings, Clock clock) {
        // the SDK reads the metadata URL from a JVM-wide setting; one Teams app per server
        ChannelValidation.setOpenIdMetaDataUrl(settings.openIdMetadataUrl());
        if (settings.authDisabled()) {
            log.warn("!!! TEAMS_AUTH_DISABLED=true: requests to /api/messages are NOT authenticated. Anyone who can reach this "
                    + "server can act as any Teams user. Use this only with the Agents Playground on your own machine. !!!");
            this.credentials = new BotToken(new TeamsSettings(null, null, settings.tenantId(), null, settings.loginUrl(), true), clock);
        } else {
            this.credentials = new BotToken(settings, clock);
        }
        this.adapter = new BotFrameworkAdapter(credentials, new AuthenticationConfiguration(), null, null, null);
        this.files = new TeamsFiles(credentials);
        this.tenantId = settings.authDisabled() ? null : settings.tenantId();
    }

    @Override
    public CompletableFuture<HttpAnswer> receive(String authorization, String body, TurnHandler handler) {
        Activity activity;
        try {
            activity = Serialization.treeToValue(Serialization.jsonToTree(body), Activity.class);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.completedFuture(new HttpAnswer(400, error("not a Bot Framework activity")));
        }
        if (activity == null || activity.getType() == null || activity.getServiceUrl() == null) {
            return CompletableFuture.completedFuture(new HttpAnswer(400, error("not a Bot Framework activity")));
        }
        CompletableFuture<InvokeResponse> processed;
        try {
            processed = adapter.processActivity(authorization, activity, turn -> run(turn, handler));
        } catch (RuntimeException e) {
            processed = CompletableFuture.failedFuture(e); // an unreadable token fails before the first future
        }
        return processed.handle((invoke, failure) -> {
            if (failure == null) {
                return invoke == null ? new HttpAnswer(200, "") : new HttpAnswer(invoke.getStatus(), json(invoke.getBody()));
            }
            Throwable cause = unwrap(failure);
            if (cause instanceof AuthenticationException || cause instanceof JWTVerificationException) {
                log.info("Teams request refused: {}", cause.getMessage());
                return new HttpAnswer(401, error("unauthorized"));
            }
            if (cause instanceof TenantRefused refused) {
                log.warn("Teams request from tenant {} refused: only {} is allowed", refused.getMessage(), tenantId);
                return new HttpAnswer(403, error("this Leadline serves another Microsoft 365 tenant"));
            }
            log.error("Teams activity failed", cause);
            return new HttpAnswer(500, error("internal error"));
        });
    }

    private CompletableFuture<Void> run(TurnContext context, TurnHandler handler) {
        Activity activity = context.getActivity();
        String tenant = ActivityMapping.tenantOf(activity);
        if (tenantId != null && !tenantId.equalsIgnoreCase(tenant)) {
            return CompletableFuture.failedFuture(new TenantRefused(String.valueOf(tenant)));
        }
        Incoming incoming = ActivityMapping.incoming(activity, tenant);
        if (incoming.kind() == Kind.OTHER) {
            return CompletableFuture.completedFuture(null);
        }
        Turn turn = new Turn() {
            @Override
            public void reply(Message message) {
                context.sendActivity(ActivityMapping.activity(message)).join();
            }

            @Override
            public Optional<Member> sender() {
                try {
                    TeamsChannelAccount member = TeamsInfo.getMember(context, activity.getFrom().getId())
                            .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    return Optional.ofNullable(member).map(m -> new Member(m.getAadObjectId(), m.getEmail(), m.getUserPrincipalName()));
                } catch (ExecutionException | TimeoutException | RuntimeException e) {
                    log.warn("Teams did not tell who {} is: {}", activity.getFrom().getId(), unwrap(e).getMessage());
                    return Optional.empty();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }

            @Override
            public java.io.InputStream download(TeamsTransport.SharedFile file) throws java.io.IOException {
                return files.download(file, activity.getServiceUrl());
            }
        };
        return CompletableFuture.supplyAsync(() -> handler.onTurn(incoming, turn), workers).thenCompose(answer -> {
            if (incoming.kind() != Kind.CARD_ACTION) {
                return CompletableFuture.completedFuture(null);
            }
            ObjectNode body = JSON.createObjectNode().put("statusCode", 200);
            if (answer != null && answer.card() != null) {
                body.put("type", AdaptiveCards.CONTENT_TYPE).set("value", answer.card());
            } else {
                body.put("type", "application/vnd.microsoft.activity.message").put("value", answer == null ? "" : answer.message());
            }
            Activity invokeResponse = new Activity(ActivityTypes.INVOKE_RESPONSE);
            invokeResponse.setValue(new InvokeResponse(200, body));
            return context.sendActivity(invokeResponse).thenApply(sent -> null);
        });
    }

    @Override
    public Optional<String> send(TeamsAddress to, Message message) throws CallFailed {
        ResourceResponse sent = call(() -> client(to).getConversations().sendToConversation(to.conversationId(), ActivityMapping.activity(message)));
        // a 2xx is a delivery even without a body: the Agents Playground answers 202 with none
        return Optional.ofNullable(sent).map(ResourceResponse::getId).filter(id -> !id.isBlank());
    }

    @Override
    public void update(TeamsAddress to, String activityId, Message message) throws CallFailed {
        Activity activity = ActivityMapping.activity(message);
        activity.setId(activityId);
        call(() -> client(to).getConversations().updateActivity(to.conversationId(), activityId, activity));
    }

    @Override
    public ChannelThread startThread(TeamsAddress channel, Message first) throws CallFailed {
        ConversationParameters parameters = new ConversationParameters();
        parameters.setIsGroup(true);
        parameters.setChannelData(JSON.createObjectNode().set("channel", JSON.createObjectNode().put("id", channel.conversationId())));
        parameters.setTenantId(channel.tenantId());
        parameters.setActivity(ActivityMapping.activity(first));
        ConversationResourceResponse made = call(() -> client(channel).getConversations().createConversation(parameters));
        if (made == null || made.getId() == null || made.getId().isBlank()) {
            throw new CallFailed(0, Duration.ZERO, true, "the Bot Framework made a conversation without saying its id", null);
        }
        String activityId = made.getActivityId() != null ? made.getActivityId() : TeamsAddress.threadStart(made.getId()).orElse("");
        // the thread's conversation id names its first message; where the answer leaves it out, it is composed
        boolean named = TeamsAddress.threadStart(made.getId()).isPresent() || activityId.isEmpty();
        return new ChannelThread(named ? made.getId() : made.getId() + TeamsAddress.THREAD + activityId, activityId);
    }

    private static <T> T call(java.util.function.Supplier<CompletableFuture<T>> work) throws CallFailed {
        try {
            CompletableFuture<T> call;
            try {
                call = work.get();
            } catch (RuntimeException e) {
                call = CompletableFuture.failedFuture(e);
            }
            return call.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CallFailed(0, Duration.ZERO, true, "the Bot Framework did not answer within " + CALL_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed(0, Duration.ZERO, "interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof RestException rest && rest.response() != null) {
                int status = rest.response().code();
                Duration after = Optional.ofNullable(rest.response().headers().get("Retry-After")).filter(v -> v.strip().matches("\\d{1,6}"))
                        .map(v -> Duration.ofSeconds(Long.parseLong(v.strip()))).orElse(Duration.ZERO);
                throw new CallFailed(status, after, "the Bot Framework answered HTTP " + status, cause);
            }
            throw new CallFailed(0, Duration.ZERO, "the Bot Framework could not be reached: " + cause.getMessage(), cause);
        }
    }

    private ConnectorClient client(TeamsAddress to) {
        return clients.computeIfAbsent(to.serviceUrl(), url -> new RestConnectorClient(url, credentials));
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String json(Object body) {
        try {
            return body == null ? "" : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String error(String message) {
        return JSON.createObjectNode().put("error", message).toString();
    }

    @Override
    public void close() {
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The activity came from a tenant this server does not serve. */
    private static final class TenantRefused extends RuntimeException {
        TenantRefused(String tenant) {
            super(tenant);
        }
    }
}
