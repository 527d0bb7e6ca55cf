package dev.leadline.mattermost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** The few calls of Mattermost's REST API v4 the bot makes, as its bot account. */
final class MattermostApi {
    private static final Duration TIMEOUT = Duration.ofSeconds(8);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;
    private final String token;
    private volatile String botUserId;

    MattermostApi(String url, String token) {
        this.base = url + "/api/v4";
        this.token = token;
    }

    JsonNode me() throws Failed {
        return call("GET", "/users/me", null);
    }

    /** The bot account's user id (asked once). */
    String botId() throws Failed {
        String id = botUserId;
        if (id == null) {
            id = me().path("id").asText();
            botUserId = id;
        }
        return id;
    }

    JsonNode user(String id) throws Failed {
        return call("GET", "/users/" + encode(id), null);
    }

    Optional<JsonNode> userByEmail(String email) throws Failed {
        return found("/users/email/" + encode(email));
    }

    /** The teams the bot is a member of. */
    JsonNode myTeams() throws Failed {
        return call("GET", "/users/me/teams", null);
    }

    JsonNode channel(String id) throws Failed {
        return call("GET", "/channels/" + encode(id), null);
    }

    /** The team's channel of that name, archived ones included. */
    Optional<JsonNode> channelByName(String teamId, String name) throws Failed {
        return found("/teams/" + encode(teamId) + "/channels/name/" + encode(name) + "?include_deleted=true");
    }

    /** A public channel. */
    JsonNode createChannel(String teamId, String name, String displayName) throws Failed {
        return call("POST", "/channels", json.createObjectNode().put("team_id", teamId).put("name", name)
                .put("display_name", displayName).put("type", "O"));
    }

    void addMember(String channelId, String userId) throws Failed {
        call("POST", "/channels/" + encode(channelId) + "/members", json.createObjectNode().put("user_id", userId));
    }

    /** Archives the channel (Mattermost keeps a deleted channel, archived). */
    void deleteChannel(String channelId) throws Failed {
        call("DELETE", "/channels/" + encode(channelId), null);
    }

    void restoreChannel(String channelId) throws Failed {
        call("POST", "/channels/" + encode(channelId) + "/restore", null);
    }

    /** The channel's outgoing webhooks (the bot may read them when it may manage webhooks). */
    JsonNode outgoingHooks(String channelId) throws Failed {
        return call("GET", "/hooks/outgoing?channel_id=" + encode(channelId) + "&per_page=200", null);
    }

    JsonNode createOutgoingHook(JsonNode hook) throws Failed {
        return call("POST", "/hooks/outgoing", hook);
    }

    void pin(String postId) throws Failed {
        call("POST", "/posts/" + encode(postId) + "/pin", null);
    }

    JsonNode post(String postId) throws Failed {
        return call("GET", "/posts/" + encode(postId), null);
    }

    /** A file's name, size and type. */
    JsonNode fileInfo(String fileId) throws Failed {
        return call("GET", "/files/" + encode(fileId) + "/info", null);
    }

    /** A file's content, from the Mattermost server itself (redirects are not followed). */
    InputStream file(String fileId) throws IOException {
        try {
            HttpResponse<InputStream> response = http.send(request("GET", "/files/" + encode(fileId), null)
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException("Mattermost answered HTTP " + response.statusCode() + " for file " + fileId);
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching file " + fileId, e);
        }
    }

    /** The direct channel between two users (created when there is none). */
    String directChannel(String userA, String userB) throws Failed {
        return call("POST", "/channels/direct", json.createArrayNode().add(userA).add(userB)).path("id").asText();
    }

    JsonNode createPost(JsonNode post) throws Failed {
        return call("POST", "/posts", post);
    }

    void patchPost(String postId, JsonNode patch) throws Failed {
        call("PUT", "/posts/" + encode(postId) + "/patch", patch);
    }

    /** Opens an interactive dialog for the user whose click or command carried the trigger id. */
    void openDialog(JsonNode request) throws Failed {
        call("POST", "/actions/dialogs/open", request);
    }

    /** A post only one user sees, in a channel they are in. */
    void ephemeralPost(JsonNode request) throws Failed {
        call("POST", "/posts/ephemeral", request);
    }

    /** Posts in a channel created or edited since {@code sinceMillis}. */
    JsonNode channelPostsSince(String channelId, long sinceMillis) throws Failed {
        return call("GET", "/channels/" + encode(channelId) + "/posts?since=" + sinceMillis, null);
    }

    /** The answer to a GET, or empty when Mattermost says there is no such thing (404). */
    private Optional<JsonNode> found(String path) throws Failed {
        try {
            return Optional.of(call("GET", path, null));
        } catch (Failed e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private HttpRequest.Builder request(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body == null) {
            return request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    private JsonNode call(String method, String path, JsonNode body) throws Failed {
        HttpResponse<String> response;
        try {
            response = http.send(request(method, path, body).build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new Failed(0, Duration.ZERO, true, "Mattermost did not answer within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            // a refused connection sent nothing; any other failure may have come after the request arrived
            throw new Failed(0, Duration.ZERO, !(e instanceof java.net.ConnectException), "Mattermost could not be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed(0, Duration.ZERO, true, "interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            throw new Failed(response.statusCode(), retryAfter(response), false, "Mattermost answered HTTP " + response.statusCode());
        }
        try {
            return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new Failed(0, Duration.ZERO, true, "Mattermost's answer could not be read");
        }
    }

    /** Retry-After, or the reset Mattermost's rate limiter announces ({@code X-Ratelimit-Reset}, in seconds). */
    private static Duration retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").or(() -> response.headers().firstValue("X-Ratelimit-Reset"))
                .map(String::strip).filter(v -> v.matches("\\d{1,6}")).map(v -> Duration.ofSeconds(Long.parseLong(v))).orElse(Duration.ZERO);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A call that failed: {@code status} 0 when there was no answer; {@code mayHaveArrived} when it may still have been carried out. */
    static final class Failed extends Exception {
        private final int status;
        private final Duration retryAfter;
        private final boolean mayHaveArrived;

        Failed(int status, Duration retryAfter, boolean mayHaveArrived, String message) {
            super(message, null, false, false);
            this.status = status;
            this.retryAfter = retryAfter;
            this.mayHaveArrived = mayHaveArrived;
        }

        int status() {
            return status;
        }

        Duration retryAfter() {
            return retryAfter;
        }

        boolean mayHaveArrived() {
            return mayHaveArrived;
        }
    }
}
