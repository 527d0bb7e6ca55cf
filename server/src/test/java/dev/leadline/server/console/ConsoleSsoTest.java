package dev.leadline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadline.core.common.Actor;
import dev.leadline.core.team.RepSpec;
import dev.leadline.server.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import java.util.concurrent.atomic.AtomicReference;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sign-in by OpenID Connect against a real OIDC server in the test (mock-oauth2-server, which approves
 * at once and issues the ID token the next enqueued callback describes), driven over plain HTTP with
 * every redirect followed by hand, as a browser would.
 */
class ConsoleSsoTest {
    private static final String ISSUER_ID = "sales";
    private static final String CLIENT_ID = "leadline-console";
    private static final String PUBLIC_URL = "https://leads.example.test";
    private static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    /** When set, the provider's token endpoint answers this once instead of issuing tokens itself. */
    private static final AtomicReference<String> nextTokenAnswer = new AtomicReference<>();
    private static MockOAuth2Server idp;
    private static TestServer server;
    private static ConsoleFixture console;

    @BeforeAll
    static void start() {
        idp = new MockOAuth2Server(new CannedTokenAnswer());
        idp.start();
        server = TestServer.start(Map.of("LEADLINE_OIDC_ISSUER", idp.issuerUrl(ISSUER_ID).toString(), "LEADLINE_OIDC_CLIENT_ID", CLIENT_ID,
                "LEADLINE_OIDC_CLIENT_SECRET", "console-secret", "LEADLINE_PUBLIC_URL", PUBLIC_URL));
        console = new ConsoleFixture(server);
        server.services().team().apply(List.of(new RepSpec("gone@example.com", "Gone Away", null, null, null, false, "REP", Map.of())),
                List.of(), Actor.cli("test"));
    }

    @AfterAll
    static void stop() {
        server.close();
        idp.shutdown();
    }

    @Test
    void aRepWithAVerifiedEmailIsSignedInAndSeesTheirWork() {
        HttpResponse<String> back = signIn(claims("jane@example.com", true), 3600);

        assertThat(back.statusCode()).as(back.body()).isEqualTo(303);
        assertThat(back.headers().firstValue("Location")).hasValue("/console");
        String cookie = sessionCookie(back);
        assertThat(back.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("leadline_console=") && c.contains("HttpOnly")
                && c.contains("SameSite=Lax") && c.contains("Secure"));
        HttpResponse<String> work = console.get("/console", cookie);
        assertThat(work.statusCode()).isEqualTo(200);
        assertThat(work.body()).contains("Signed in as Jane Rivera (jane@example.com)");
    }

    @Test
    void theSignInPageOffersSsoBesideTheChatLink() {
        HttpResponse<String> page = console.get("/console/sign-in", null);
        assertThat(page.body()).contains("href=\"/console/sso\"").contains("Sign in with SSO").contains("/lead console");
    }

    @Test
    void theRequestToTheProviderCarriesStateNonceAndAPkceChallenge() {
        HttpResponse<String> start = console.get("/console/sso", null);
        assertThat(start.statusCode()).isEqualTo(303);
        String to = start.headers().firstValue("Location").orElseThrow();
        assertThat(to).startsWith(idp.authorizationEndpointUrl(ISSUER_ID).toString()).contains("client_id=" + CLIENT_ID)
                .contains("response_type=code").contains("scope=openid+email+profile").contains("state=").contains("nonce=")
                .contains("code_challenge_method=S256").contains("code_challenge=")
                .contains("redirect_uri=https%3A%2F%2Fleads.example.test%2Fconsole%2Fsso%2Fcallback");
        assertThat(start.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("leadline_sso=").contains("Path=/console/sso")
                .contains("HttpOnly");
    }

    @Test
    void anIdTokenForAnotherAudienceIsRefused() {
        Map<String, Object> claims = new HashMap<>(claims("jane@example.com", true));
        claims.put("aud", List.of("another-app"));
        HttpResponse<String> back = signIn(claims, 3600);

        assertRefused(back, 403, "audience");
    }

    @Test
    void anExpiredIdTokenIsRefused() {
        // the provider's own token answer would say expires_in < 0, which is refused before the ID token is looked at:
        // answer the code with an access token for an hour and an ID token, signed by the provider, that expired 10 minutes ago
        Trip trip = leave();
        Map<String, Object> claims = new HashMap<>(claims("jane@example.com", true));
        claims.put("nonce", trip.nonce());
        claims.put("exp", Instant.now().minusSeconds(600).getEpochSecond());
        String idToken = idp.issueToken(ISSUER_ID, CLIENT_ID, new DefaultOAuth2TokenCallback(ISSUER_ID, "subject-jane", "JWT",
                List.of(CLIENT_ID), claims, 3600)).serialize();
        nextTokenAnswer.set("{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"id_token\":\"" + idToken + "\"}");

        assertRefused(console.get(trip.callbackPath(), trip.cookie()), 403, "Expired JWT");
    }

    @Test
    void anUnknownOrInactiveEmailIsRefusedWithASentence() {
        assertRefused(signIn(claims("nobody@example.com", true), 3600), 403, "No Leadline rep has the email nobody@example.com");
        assertRefused(signIn(claims("gone@example.com", true), 3600), 403, "gone@example.com is not an active rep");
    }

    @Test
    void anEmailTheProviderHasNotVerifiedIsRefused() {
        assertRefused(signIn(claims("jane@example.com", false), 3600), 403, "jane@example.com is not verified");
        assertRefused(signIn(Map.of("email", "jane@example.com"), 3600), 403, "did not say whether jane@example.com is verified");
    }

    @Test
    void aCallbackWhoseStateThisBrowserDidNotStartIsRefused() {
        Trip mine = leave();
        Trip theirs = leave();

        assertRefused(console.get(theirs.callbackPath(), mine.cookie()), 400, "not started in this browser");
        assertRefused(console.get(mine.callbackPath(), null), 400, "not started in this browser");
        assertRefused(console.get(mine.callbackPath().replaceAll("state=[^&]+", "state=forged"), "leadline_sso=forged"), 400,
                "not one we know");
    }

    @Test
    void aCallbackCanBeUsedOnlyOnce() {
        Trip trip = leave();
        willIssue(claims("jane@example.com", true), 3600);
        assertThat(console.get(trip.callbackPath(), trip.cookie()).statusCode()).isEqualTo(303);

        assertRefused(console.get(trip.callbackPath(), trip.cookie()), 400, "completed already");
    }

    @Test
    void aRefusalFromTheProviderIsShownAsASentence() {
        Trip trip = leave();
        String denied = trip.callbackPath().replaceAll("code=[^&]+", "error=access_denied&error_description=User+cancelled");

        assertRefused(console.get(denied, trip.cookie()), 403, "did not sign you in: User cancelled");
    }

    private static Map<String, Object> claims(String email, boolean verified) {
        return Map.of("email", email, "email_verified", verified);
    }

    /** A browser's way out to the provider and back: the callback's path and query on this server, and the cookie it holds. */
    private record Trip(String callbackPath, String cookie, String nonce) {}

    /** The next code the provider exchanges gives an ID token with these claims (which win over its own), valid for this long. */
    private static void willIssue(Map<String, Object> claims, long expirySeconds) {
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "subject-" + claims.get("email"), "JWT", List.of(), claims, expirySeconds));
    }

    private static Trip leave() {
        HttpResponse<String> start = console.get("/console/sso", null);
        assertThat(start.statusCode()).as(start.body()).isEqualTo(303);
        String cookie = start.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> approved = send(authorize);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(302);
        URI callback = URI.create(approved.headers().firstValue("Location").orElseThrow());
        assertThat(callback.toString()).startsWith(PUBLIC_URL + "/console/sso/callback?");
        String nonce = authorize.getRawQuery().replaceAll(".*(^|&)nonce=([^&]+).*", "$2");
        return new Trip(callback.getRawPath() + "?" + callback.getRawQuery(), cookie, nonce);
    }

    private static HttpResponse<String> signIn(Map<String, Object> claims, long expirySeconds) {
        Trip trip = leave();
        willIssue(claims, expirySeconds);
        return console.get(trip.callbackPath(), trip.cookie());
    }

    private static void assertRefused(HttpResponse<String> back, int status, String reason) {
        assertThat(back.statusCode()).as(back.body()).isEqualTo(status);
        assertThat(back.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(back.body().replace("&#39;", "'")).contains(reason).contains("Sign in with SSO");
        assertThat(back.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("leadline_console="));
    }

    private static String sessionCookie(HttpResponse<String> back) {
        return back.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("leadline_console=")).findFirst().orElseThrow()
                .split(";")[0];
    }

    private static final class CannedTokenAnswer implements Route {
        @Override
        public boolean match(OAuth2HttpRequest request) {
            return nextTokenAnswer.get() != null && "POST".equals(request.getMethod()) && request.getUrl().encodedPath().endsWith("/token");
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), 200, nextTokenAnswer.getAndSet(null), null);
        }
    }

    private static HttpResponse<String> send(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
