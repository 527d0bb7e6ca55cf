package dev.leadline.bench;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.sun.net.httpserver.HttpServer;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

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
            for (int warm = 0; warm < 5; warm++) {
                round(pool, server.uri("/api/messages"), null, base, token);
            }
            Histogram latency = new Histogram(3);
            for (int r = 0; r < rounds; r++) {
                round(pool, server.uri("/api/messages"), latency, base, token);
            }
            System.out.printf("Leadline Teams 'leads' (whole turn)  p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %6.1f ms  (%d answers)%n",
                    latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(95) / 1000.0,
                    latency.getValueAtPercentile(99) / 1000.0, latency.getMaxValue() / 1000.0, latency.getTotalCount());
        } finally {
            pool.shutdownNow();
            stub.stop(0);
        }
    }

    private static void round(ExecutorService pool, URI endpoint, Histogram latency, String base, String token) throws Exception {
        CyclicBarrier start = new CyclicBarrier(100);
        List<Future<Long>> results = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String body = "{\"type\":\"message\",\"id\":\"m" + System.nanoTime() + "\",\"serviceUrl\":\"" + base + "/\",\"channelId\":\"msteams\","
                    + "\"from\":{\"id\":\"29:" + i + "\",\"aadObjectId\":\"aad-" + i + "\"},\"recipient\":{\"id\":\"28:" + APP_ID + "\"},"
                    + "\"conversation\":{\"id\":\"a:" + i + "\",\"conversationType\":\"personal\",\"tenantId\":\"" + TENANT + "\"},"
                    + "\"text\":\"leads\"}";
            results.add(pool.submit(() -> {
                start.await();
                HttpRequest request = HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build();
                long t0 = System.nanoTime();
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                long micros = (System.nanoTime() - t0) / 1000;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
                }
                return micros;
            }));
        }
        for (Future<Long> result : results) {
            long micros = result.get();
            if (latency != null) {
                latency.recordValue(micros);
            }
        }
    }

    /** The Bot Framework's OpenID metadata and key, Entra ID's token endpoint, and a connector that accepts every post. */
    private static HttpServer microsoftStub(KeyPair key) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
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
