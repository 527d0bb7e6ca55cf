package dev.leadline.server;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loopback stand-ins for Microsoft's cloud, which no test machine can reach: the Bot Framework's
 * OpenID metadata and signing keys (a locally generated RS256 key, endorsed for {@code msteams}),
 * Entra ID's token endpoint, and the Bot Framework connector ({@code /v3/conversations/...}), which
 * records every call. Also signs the tokens the Bot Framework would send.
 */
final class TeamsStub implements AutoCloseable {
    static final String ISSUER = "https://api.botframework.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One connector call as received. */
    record Call(String method, String path, String body, String authorization, String answeredId) {}

    private final HttpServer server;
    private final KeyPair key = rsa();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, ObjectNode> members;
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger tokens = new AtomicInteger();
    private final Map<String, Integer> throttled = new ConcurrentHashMap<>();
    /** Files users sent: a personal-chat upload's pre-authenticated download address, or an image on the connector. */
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    /** {@code members}: Teams user id → their profile as the connector returns it. */
    TeamsStub(Map<String, ObjectNode> members) throws IOException {
        this.members = Map.copyOf(members);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    static ObjectNode member(String id, String name, String aadObjectId, String email) {
        return JSON.createObjectNode().put("id", id).put("name", name).put("aadObjectId", aadObjectId).put("email", email)
                .put("userPrincipalName", email);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The Bot Framework service URL activities name (with its trailing slash). */
    String serviceUrl() {
        return url() + "/";
    }

    /** Keeps a file as SharePoint would for an upload in personal chat; returns its pre-authenticated downloadUrl. */
    String uploadFile(String id, byte[] content) {
        files.put(id, content);
        return url() + "/personal/drive/" + id + "?tempauth=stub-" + id;
    }

    /** Keeps a pasted image on the connector; returns its contentUrl (fetched with the bot's token). */
    String pasteImage(String id, byte[] content) {
        files.put(id, content);
        return url() + "/v3/attachments/" + id + "/views/original";
    }

    /**
     * An activity as Teams sends it to the bot {@code appId} of {@code tenant}: from a user, in a
     * conversation; one in a channel names {@code team} as its team. Text that mentions the bot
     * ({@code <at>Leadline</at>}) carries the mention entity Teams adds.
     */
    ObjectNode activity(String type, String user, String aad, String conversation, String conversationType, String tenant, String appId,
                        String team) {
        ObjectNode a = JSON.createObjectNode().put("type", type).put("id", "act-" + ids.incrementAndGet())
                .put("timestamp", Instant.now().toString()).put("serviceUrl", serviceUrl()).put("channelId", "msteams");
        a.putObject("from").put("id", user).put("name", user).put("aadObjectId", aad);
        a.putObject("conversation").put("id", conversation).put("conversationType", conversationType).put("tenantId", tenant);
        a.putObject("recipient").put("id", "28:" + appId).put("name", "Leadline");
        ObjectNode channelData = a.putObject("channelData");
        channelData.putObject("tenant").put("id", tenant);
        if ("channel".equals(conversationType)) {
            channelData.putObject("team").put("id", team);
            channelData.putObject("channel").put("id", conversation.replaceFirst(";messageid=.*$", ""));
        }
        return a;
    }

    /** A message activity; see {@link #activity}. */
    ObjectNode message(String user, String aad, String conversation, String conversationType, String tenant, String appId, String team,
                       String text) {
        ObjectNode a = activity("message", user, aad, conversation, conversationType, tenant, appId, team).put("text", text);
        if (text.contains("<at>Leadline</at>")) {
            ObjectNode mention = a.putArray("entities").addObject().put("type", "mention").put("text", "<at>Leadline</at>");
            mention.putObject("mentioned").put("id", "28:" + appId).put("name", "Leadline");
        }
        return a;
    }

    /** A card's {@code Action.Execute} with {@code verb} and its data; see {@link #activity}. */
    ObjectNode invoke(String user, String aad, String conversation, String conversationType, String tenant, String appId, String team,
                      String verb, Map<String, String> data) {
        ObjectNode a = activity("invoke", user, aad, conversation, conversationType, tenant, appId, team).put("name", "adaptiveCard/action");
        ObjectNode action = a.putObject("value").put("trigger", "manual").putObject("action").put("type", "Action.Execute").put("verb", verb);
        ObjectNode values = action.putObject("data");
        data.forEach(values::put);
        return a;
    }

    String openIdUrl() {
        return url() + "/v1/.well-known/openidconfiguration";
    }

    /** A token as the Bot Framework signs it for this app and service URL. */
    String token(String appId) {
        return token(appId, serviceUrl(), Instant.now().plusSeconds(600), key);
    }

    String token(String appId, String serviceUrl, Instant expires) {
        return token(appId, serviceUrl, expires, key);
    }

    String token(String appId, String serviceUrl, Instant expires, KeyPair signer) {
        return JWT.create().withIssuer(ISSUER).withAudience(appId).withClaim("serviceurl", serviceUrl).withKeyId("k1")
                .withIssuedAt(expires.minusSeconds(3600)).withNotBefore(expires.minusSeconds(3600)).withExpiresAt(expires)
                .sign(Algorithm.RSA256((RSAPublicKey) signer.getPublic(), (RSAPrivateKey) signer.getPrivate()));
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** New messages (not replies) posted to a conversation. */
    List<Call> posts(String conversationId) {
        return calls.stream().filter(c -> c.method().equals("POST") && c.path().equals("/v3/conversations/" + conversationId + "/activities"))
                .toList();
    }

    /** Replies in a conversation, within a turn. */
    List<Call> replies(String conversationId) {
        return calls.stream().filter(c -> c.method().equals("POST") && c.path().startsWith("/v3/conversations/" + conversationId + "/activities/"))
                .toList();
    }

    List<Call> updates(String conversationId) {
        return calls.stream().filter(c -> c.method().equals("PUT") && c.path().startsWith("/v3/conversations/" + conversationId + "/activities/"))
                .toList();
    }

    /** Conversations started with {@code createConversation} (threads in a channel). */
    List<Call> starts() {
        return calls.stream().filter(c -> c.method().equals("POST") && c.path().equals("/v3/conversations")).toList();
    }

    int tokensIssued() {
        return tokens.get();
    }

    /**
     * When set, a new message in a conversation is answered {@code 202 Accepted} with no body, as the
     * Microsoft 365 Agents Playground answers a text with a card: delivered, but with no id to edit it by.
     */
    volatile boolean acceptPostsWithoutId;

    /** The next {@code n} new posts whose body contains {@code text} are answered 429 with Retry-After: 1. */
    void throttlePostsContaining(String text, int n) {
        throttled.put(text, n);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (path.equals("/v1/.well-known/openidconfiguration")) {
            send(exchange, 200, JSON.createObjectNode().put("issuer", ISSUER).put("jwks_uri", url() + "/v1/keys")
                    .put("authorization_endpoint", "https://invalid.example/").set("id_token_signing_alg_values_supported",
                            JSON.createArrayNode().add("RS256")).toString());
            return;
        }
        if (path.equals("/v1/keys")) {
            RSAPublicKey pub = (RSAPublicKey) key.getPublic();
            ObjectNode jwk = JSON.createObjectNode().put("kty", "RSA").put("use", "sig").put("kid", "k1")
                    .put("n", base64url(pub.getModulus())).put("e", base64url(pub.getPublicExponent()));
            jwk.putArray("endorsements").add("msteams");
            ObjectNode keys = JSON.createObjectNode();
            keys.putArray("keys").add(jwk);
            send(exchange, 200, keys.toString());
            return;
        }
        if (path.endsWith("/oauth2/v2.0/token")) {
            boolean good = body.contains("grant_type=client_credentials") && body.contains("client_secret=")
                    && body.contains("scope=https%3A%2F%2Fapi.botframework.com%2F.default");
            send(exchange, good ? 200 : 400, good ? "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"stub-token-"
                    + tokens.incrementAndGet() + "\"}" : "{\"error\":\"invalid_request\"}");
            return;
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (method.equals("GET") && (path.startsWith("/personal/drive/") || path.startsWith("/v3/attachments/"))) {
            calls.add(new Call(method, path, body, auth, null));
            String id = path.split("/")[3];
            boolean authorised = path.startsWith("/personal/") ? String.valueOf(exchange.getRequestURI().getQuery()).equals("tempauth=stub-" + id)
                    : auth != null && auth.startsWith("Bearer stub-token-");
            byte[] content = files.get(id);
            if (content == null || !authorised) {
                send(exchange, content == null ? 404 : 401, "{}");
                return;
            }
            exchange.sendResponseHeaders(200, content.length);
            exchange.getResponseBody().write(content);
            exchange.close();
            return;
        }
        if (method.equals("GET") && path.contains("/members/")) {
            calls.add(new Call(method, path, body, auth, null));
            String user = java.net.URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
            ObjectNode member = members.get(user);
            send(exchange, member == null ? 404 : 200, member == null ? "{\"error\":{\"code\":\"NotFound\"}}" : member.toString());
            return;
        }
        if (method.equals("POST") && isThrottled(body)) {
            calls.add(new Call(method, path, body, auth, null));
            exchange.getResponseHeaders().add("Retry-After", "1");
            send(exchange, 429, "{\"error\":{\"code\":\"TooManyRequests\"}}");
            return;
        }
        if (acceptPostsWithoutId && method.equals("POST") && path.endsWith("/activities")) {
            calls.add(new Call(method, path, body, auth, null));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
            return;
        }
        String id = "activity-" + ids.incrementAndGet();
        calls.add(new Call(method, path, body, auth, id));
        if (method.equals("POST") && path.equals("/v3/conversations")) {
            // a new thread in the channel channelData names: its id is the channel's with the first message's
            String channel = JSON.readTree(body).path("channelData").path("channel").path("id").asText();
            send(exchange, 200, JSON.createObjectNode().put("id", channel + ";messageid=" + id).put("activityId", id).toString());
            return;
        }
        send(exchange, 200, "{\"id\":\"" + id + "\"}");
    }

    private boolean isThrottled(String body) {
        for (Map.Entry<String, Integer> limit : throttled.entrySet()) {
            if (body.contains(limit.getKey()) && limit.getValue() > 0) {
                throttled.put(limit.getKey(), limit.getValue() - 1);
                return true;
            }
        }
        return false;
    }

    private static String base64url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        Loopback.sendJson(exchange, status, json);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
