package dev.leadline.plugins.crm.salesforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadline.plugin.CrmResult;
import dev.leadline.plugin.ProviderContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Salesforce's REST API through the host's HTTP, on a session from {@link JwtBearer} kept in the plugin's cache. A 401
 * {@code INVALID_SESSION_ID} (the session expired or was revoked) gets one new grant and the call once more; any other
 * answer but a 2xx becomes the {@link CrmResult} it comes to ({@link SalesforceErrors}), thrown as {@link Refused}.
 */
final class SalesforceApi {
    static final ObjectMapper JSON = new ObjectMapper();
    /** A composite request does several writes in one transaction: more than the host's default 5 s. */
    static final Duration COMPOSITE_TIMEOUT = Duration.ofSeconds(30);

    private final ProviderContext context;
    private final SalesforceSettings settings;
    private final AtomicReference<JwtBearer.Token> session;

    SalesforceApi(ProviderContext context, SalesforceSettings settings) {
        this.context = context;
        this.settings = settings;
        this.session = context.cached("session:" + settings.loginUrl() + "|" + settings.clientId() + "|" + settings.username(),
                Duration.ofHours(12), AtomicReference::new);
    }

    /** A call that came to something other than DONE: the connector answers with {@link #result()}. */
    static final class Refused extends RuntimeException {
        private final transient CrmResult result;

        Refused(CrmResult result) {
            super(result.message(), null, false, false);
            this.result = result;
        }

        CrmResult result() {
            return result;
        }
    }

    SalesforceSettings settings() {
        return settings;
    }

    /** The owner's id: the one the host knows, else the active user's with that email (cached an hour); empty for nobody or an unknown email. */
    Optional<String> owner(String knownId, String email) {
        if (knownId != null || email == null || email.isBlank()) {
            return Optional.ofNullable(knownId);
        }
        Optional<String> id = context.cached("user:" + email.toLowerCase(Locale.ROOT), Duration.ofHours(1), () -> {
            try {
                return first("SELECT Id FROM User WHERE Email = " + Soql.string(email) + " AND IsActive = true LIMIT 1")
                        .map(user -> user.path("Id").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        });
        if (id.isEmpty()) {
            context.log().warn("Salesforce has no active user with the email " + email + ": written without an owner");
        }
        return id;
    }

    /** The first record a SOQL query selects, if any. */
    Optional<JsonNode> first(String soql) throws IOException, InterruptedException {
        return query(soql).stream().findFirst();
    }

    /** The records a SOQL query selects ({@code GET /query?q=}), its first batch. */
    List<JsonNode> query(String soql) throws IOException, InterruptedException {
        JsonNode answer = send("GET", settings.data() + "/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8), null);
        List<JsonNode> records = new ArrayList<>();
        answer.path("records").forEach(records::add);
        return records;
    }

    JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
        return send("POST", settings.data() + path, body);
    }

    void patch(String path, JsonNode body) throws IOException, InterruptedException {
        send("PATCH", settings.data() + path, body);
    }

    /**
     * A composite request ({@code POST /composite}, {@code allOrNone}: all of it or nothing), answered with each
     * subrequest's body by reference id; when it was rolled back, the subrequest that failed says why.
     */
    Map<String, JsonNode> composite(ArrayNode requests) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("allOrNone", true);
        body.set("compositeRequest", requests);
        JsonNode answer = send("POST", settings.data() + "/composite", body, COMPOSITE_TIMEOUT);
        Map<String, JsonNode> bodies = new LinkedHashMap<>();
        for (JsonNode sub : answer.path("compositeResponse")) {
            int status = sub.path("httpStatusCode").asInt();
            if (status / 100 != 2 && !"PROCESSING_HALTED".equals(SalesforceErrors.code(sub.path("body")))) {
                throw new Refused(SalesforceErrors.result(new ProviderContext.Response(status, Map.of(), sub.path("body").toString())));
            }
            bodies.put(sub.path("referenceId").asText(), sub.path("body"));
        }
        return bodies;
    }

    private JsonNode send(String method, String path, JsonNode body) throws IOException, InterruptedException {
        return send(method, path, body, null);
    }

    private JsonNode send(String method, String path, JsonNode body, Duration timeout) throws IOException, InterruptedException {
        JwtBearer.Token token = token();
        ProviderContext.Response response = exchange(token, method, path, body, timeout);
        if (SalesforceErrors.invalidSession(response)) {
            session.compareAndSet(token, null);
            response = exchange(token(), method, path, body, timeout);
        }
        if (response.status() / 100 != 2) {
            throw new Refused(SalesforceErrors.result(response));
        }
        try {
            return response.body() == null || response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new IOException("Salesforce answered HTTP " + response.status() + " with a body that is not JSON");
        }
    }

    private ProviderContext.Response exchange(JwtBearer.Token token, String method, String path, JsonNode body, Duration timeout)
            throws IOException, InterruptedException {
        return context.http().send(new ProviderContext.Request(method, token.instanceUrl() + path, Map.of("Authorization",
                "Bearer " + token.accessToken(), "Content-Type", "application/json", "Accept", "application/json"),
                body == null ? null : JSON.writeValueAsString(body), timeout));
    }

    private JwtBearer.Token token() throws IOException, InterruptedException {
        JwtBearer.Token token = session.get();
        if (token == null) {
            token = JwtBearer.grant(context, settings);
            session.set(token);
        }
        return token;
    }
}
