package dev.leadline.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.connector.authentication.Authenticator;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * The bot's own token for calls to the Bot Framework: the OAuth 2.0 client-credentials grant at the
 * tenant's Entra ID token endpoint (single-tenant bots), scope {@code https://api.botframework.com/.default},
 * kept until five minutes before it expires. The SDK's own credentials go through MSAL, which cannot
 * be pointed at anything but Microsoft's hosts; this grant is one documented form POST, so the same
 * code runs in production and against a loopback stand-in in tests.
 */
final class BotToken extends AppCredentials {
    static final String SCOPE = "https://api.botframework.com/.default";
    private static final Duration EARLY = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI tokenEndpoint;
    private final String secret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    BotToken(TeamsSettings settings, Clock clock) {
        super(settings.tenantId());
        setAppId(settings.appId());
        this.secret = settings.appPassword();
        this.tokenEndpoint = URI.create(settings.loginUrl() + "/" + settings.tenantId() + "/oauth2/v2.0/token");
        this.clock = clock;
    }

    @Override
    public CompletableFuture<String> getToken() {
        try {
            return CompletableFuture.completedFuture(current());
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
    }

    private synchronized String current() throws IOException, InterruptedException {
        Instant now = clock.instant();
        if (token != null && now.isBefore(renewAt)) {
            return token;
        }
        String form = "grant_type=client_credentials&client_id=" + encode(getAppId()) + "&client_secret=" + encode(secret)
                + "&scope=" + encode(SCOPE);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body().isBlank() ? "{}" : response.body());
        if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
            throw new IOException("Entra ID refused the bot's token request (HTTP " + response.statusCode() + "): "
                    + body.path("error_description").asText(body.path("error").asText("no token in the answer")));
        }
        token = body.get("access_token").asText();
        renewAt = now.plusSeconds(body.path("expires_in").asLong(3600)).minus(EARLY);
        return token;
    }

    @Override
    protected Authenticator buildAuthenticator() {
        throw new UnsupportedOperationException("tokens come from getToken()");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
