package dev.leadline.plugins.crm.hubspot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadline.plugin.CrmResult;
import dev.leadline.plugin.ProviderContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * HubSpot's CRM API through the host's HTTP: JSON in and out, the token as {@code Authorization: Bearer}, and any
 * answer but a 2xx turned into the {@link CrmResult} it comes to ({@link HubSpotErrors}), thrown as {@link Refused}.
 */
final class HubSpotApi {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration OWNER_TTL = Duration.ofHours(1);

    private final ProviderContext context;
    private final HubSpotSettings settings;

    HubSpotApi(ProviderContext context, HubSpotSettings settings) {
        this.context = context;
        this.settings = settings;
    }

    /** A push that came to something other than DONE: the connector answers with {@link #result()}. */
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

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /**
     * The id of a record a create answered: {@code id} of the record (201, as the guides show it), or
     * {@code createdResourceId} (the OpenAPI spec's {@code CreatedResponseSimplePublicObject}).
     */
    static String createdId(JsonNode created) {
        return created.hasNonNull("id") ? created.path("id").asText()
                : created.path("createdResourceId").asText(created.path("entity").path("id").asText());
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    /** A GET that may find nothing (404). */
    Optional<JsonNode> find(String path) throws IOException, InterruptedException {
        ProviderContext.Response response = exchange("GET", path, null, true);
        return response.status() == 404 ? Optional.empty() : Optional.of(read(response));
    }

    JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
        return send("POST", path, body);
    }

    JsonNode patch(String path, JsonNode body) throws IOException, InterruptedException {
        return send("PATCH", path, body);
    }

    JsonNode put(String path, JsonNode body) throws IOException, InterruptedException {
        return send("PUT", path, body);
    }

    /** The owner's id: the one the host knows, else the one of the HubSpot user with that email; empty for nobody or an unknown email. */
    Optional<String> owner(String knownId, String email) {
        if (knownId != null || email == null || email.isBlank()) {
            return Optional.ofNullable(knownId);
        }
        Optional<String> id = ownerId(email);
        if (id.isEmpty()) {
            context.log().warn("HubSpot has no owner with the email " + email + ": written without an owner");
        }
        return id;
    }

    /** The owner id of the HubSpot user with this email ({@code GET /crm/v3/owners?email=}), cached for an hour. */
    Optional<String> ownerId(String email) {
        return context.cached("owner-id:" + email.toLowerCase(java.util.Locale.ROOT), OWNER_TTL, () -> unchecked(() -> {
            JsonNode owners = get("/crm/v3/owners?limit=1&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
            return Optional.ofNullable(owners.path("results").path(0).path("id").textValue());
        }));
    }

    /** The email of the owner with this id ({@code GET /crm/v3/owners/{id}}), cached for an hour; "" when it has none. */
    String ownerEmail(String ownerId) {
        if (ownerId == null || ownerId.isBlank()) {
            return "";
        }
        return context.cached("owner-email:" + ownerId, OWNER_TTL, () -> unchecked(() ->
                find("/crm/v3/owners/" + ownerId).map(owner -> owner.path("email").asText("")).orElse("")));
    }

    private JsonNode send(String method, String path, JsonNode body) throws IOException, InterruptedException {
        return read(exchange(method, path, body, false));
    }

    private ProviderContext.Response exchange(String method, String path, JsonNode body, boolean notFoundIsAnAnswer)
            throws IOException, InterruptedException {
        Map<String, String> headers = Map.of("Authorization", "Bearer " + settings.token(), "Content-Type", "application/json",
                "Accept", "application/json");
        ProviderContext.Response response = context.http().send(new ProviderContext.Request(method, settings.baseUrl() + path, headers,
                body == null ? null : JSON.writeValueAsString(body)));
        if (response.status() / 100 != 2 && !(notFoundIsAnAnswer && response.status() == 404)) {
            throw new Refused(HubSpotErrors.result(response, settings.token()));
        }
        return response;
    }

    private static JsonNode read(ProviderContext.Response response) throws IOException {
        try {
            return response.body() == null || response.body().isBlank() ? object() : JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new IOException("HubSpot answered HTTP " + response.status() + " with a body that is not JSON");
        }
    }

    private interface Call<T> {
        T run() throws IOException, InterruptedException;
    }

    private static <T> T unchecked(Call<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
