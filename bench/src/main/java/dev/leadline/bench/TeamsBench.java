package dev.leadline.bench;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.sun.net.httpserver.HttpServer;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.HdrHistogram.Histogram;

/**
 * Teams answers under load: 100 reps send {@code leads} to the bot in their personal chats at the
 * same instant, repeated; latency from request to the HTTP answer, which Leadline gives after the
 * reply has been posted to the (loopback) Bot Framework connector, so it is the whole turn: JWT
 * check, rep lookup, list and count, card rendering, reply. {@code TeamsBench [rounds]}.
 */
public final class TeamsBench {
    private static final String APP_ID = "11111111-2222-3333-4444-555555555555";
    private static final String TENANT = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        HttpServer stub = microsoftStub(key);
        String base = "http://127.0.0.1:" + stub.getAddress().getPort();
        Path dir = ServerProcess.tempDir("leadline-teams-bench");
        StringBuilder yaml = new StringBuilder("reps:\n");
        for (int i = 0; i < 100; i++) {
            yaml.append("  - {email: rep").append(i).append("@bench.example, name: Rep ").append(i).append(", chatIdentities: {teams: aad-")
                    .append(i).append("}}\n");
        }
        Files.writeString(dir.resolve("leadline.yml"), yaml);
        ExecutorService pool = Executors.newFixedThreadPool(100);
        String token = JWT.create().withIssuer("https://api.botframework.com").withAudience(APP_ID).withClaim("serviceurl", base + "/")
                .withKeyId("k1").withExpiresAt(Instant.now().plus(Duration.ofHours(2)))
                .sign(Algorithm.RSA256((RSAPublicKey) key.getPublic(), (RSAPrivateKey) key.getPrivate()));
        try (ServerProcess server = ServerProcess.start(dir, 18086, Map.of("TEAMS_APP_ID", APP_ID, "TEAMS_APP_PASSWORD", "bench-secret",
                "TEAMS_TENANT_ID", TENANT, "TEAMS_OPENID_METADATA_URL", base + "/v1/.well-known/openidconfiguration",
                "TEAMS_LOGIN_URL", base))) {
            Histogram latency = Burst.measure(pool, 100, 5, rounds, i -> HttpRequest.newBuilder(server.uri("/api/messages"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(message(i, base))).build());
            Burst.print("Leadline Teams 'leads' (the whole turn)", latency);
        } finally {
            pool.shutdownNow();
            stub.stop(0);
        }
    }

    private static String message(int i, String base) {
        return "{\"type\":\"message\",\"id\":\"m" + System.nanoTime() + "\",\"serviceUrl\":\"" + base + "/\",\"channelId\":\"msteams\","
                + "\"from\":{\"id\":\"29:" + i + "\",\"aadObjectId\":\"aad-" + i + "\"},\"recipient\":{\"id\":\"28:" + APP_ID + "\"},"
                + "\"conversation\":{\"id\":\"a:" + i + "\",\"conversationType\":\"personal\",\"tenantId\":\"" + TENANT + "\"},"
                + "\"text\":\"leads\"}";
    }

    /** The Bot Framework's OpenID metadata and key, Entra ID's token endpoint, and a connector that accepts every post. */
    private static HttpServer microsoftStub(KeyPair key) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "microsoft-stub");
            thread.setDaemon(true);
            return thread;
        }));
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        RSAPublicKey pub = (RSAPublicKey) key.getPublic();
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            exchange.getRequestBody().readAllBytes();
            String json;
            if (path.endsWith("/openidconfiguration")) {
                json = "{\"issuer\":\"https://api.botframework.com\",\"jwks_uri\":\"" + base + "/v1/keys\"}";
            } else if (path.equals("/v1/keys")) {
                json = "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"kid\":\"k1\",\"n\":\"" + b64(pub.getModulus()) + "\",\"e\":\""
                        + b64(pub.getPublicExponent()) + "\",\"endorsements\":[\"msteams\"]}]}";
            } else if (path.endsWith("/oauth2/v2.0/token")) {
                json = "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"bench-token\"}";
            } else {
                json = "{\"id\":\"activity-1\"}";
            }
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String b64(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
