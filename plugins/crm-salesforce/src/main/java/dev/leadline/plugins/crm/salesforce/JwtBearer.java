package dev.leadline.plugins.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadline.plugin.CrmResult;
import dev.leadline.plugin.ProviderContext;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * Salesforce's OAuth 2.0 JWT bearer flow (Salesforce Help, "OAuth 2.0 JWT Bearer Flow for Server-to-Server
 * Integration"): an RS256-signed JWT with {@code iss} the consumer key, {@code sub} the username, {@code aud} the login
 * URL (or the {@code audience} setting) and {@code exp} three minutes on, posted as {@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=}
 * to {@code {loginUrl}/services/oauth2/token}, answered with {@code access_token} and {@code instance_url}. Signed
 * with the JDK's {@code SHA256withRSA}: no JWT library.
 */
final class JwtBearer {
    static final Duration LIFETIME = Duration.ofMinutes(3);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** A session: the access token and the org's instance URL its REST calls go to. */
    record Token(String accessToken, String instanceUrl) {
        @Override
        public String toString() {
            return "Token[instanceUrl=" + instanceUrl + "]";
        }
    }

    private JwtBearer() {}

    static String assertion(SalesforceSettings settings, Instant now) {
        String header = "{\"alg\":\"RS256\"}";
        String claims = SalesforceApi.JSON.createObjectNode().put("iss", settings.clientId()).put("sub", settings.username())
                .put("aud", settings.audience()).put("exp", now.plus(LIFETIME).getEpochSecond()).toString();
        String signed = encode(header) + "." + encode(claims);
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(settings.privateKey());
            rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + BASE64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the JWT with " + SalesforceSettings.PREFIX + "privateKey: " + e.getMessage(), e);
        }
    }

    /** A new session; a refused grant (HTTP 400 {@code {error, error_description}}) is FAILED, saying what Salesforce said. */
    static Token grant(ProviderContext context, SalesforceSettings settings) throws IOException, InterruptedException {
        String form = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&assertion=" + assertion(settings, context.clock().instant());
        ProviderContext.Response response = context.http().send(new ProviderContext.Request("POST", settings.loginUrl() + "/services/oauth2/token",
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"), form));
        JsonNode answer = SalesforceErrors.parse(response.body());
        if (response.status() == 429 || response.status() == 503) {
            throw new SalesforceApi.Refused(SalesforceErrors.result(response));
        }
        if (response.status() != 200 || !answer.path("access_token").isTextual() || !answer.path("instance_url").isTextual()) {
            throw new SalesforceApi.Refused(CrmResult.failed("Salesforce refused the JWT bearer grant for " + settings.username() + " (HTTP "
                    + response.status() + "): " + answer.path("error").asText("") + " " + answer.path("error_description").asText("")
                    + " (check " + SalesforceSettings.PREFIX + "clientId, username, privateKey and that the user is pre-authorized)"));
        }
        return new Token(answer.path("access_token").textValue(), answer.path("instance_url").textValue().replaceAll("/+$", ""));
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
