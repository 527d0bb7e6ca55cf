package dev.leadline.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One Leadline node of a cluster as its HTTP clients see it; a request that gets no answer has status -1. */
record Node(String name, ServerProcess server) {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern ID = Pattern.compile("\"id\":\"(L-\\d+)\"");

    record Answer(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The first lead id in the body. */
        String leadId() {
            Matcher m = ID.matcher(body);
            if (!m.find()) {
                throw new IllegalStateException("no lead id in " + body);
            }
            return m.group(1);
        }
    }

    Answer post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer put(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    /** Uploads a CSV file as an asynchronous import; the job's path (its Location). */
    String importAsync(Path csv) throws IOException {
        HttpResponse<String> accepted = call(request("/api/v1/leads/import?async=true").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(csv)));
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("import refused: " + accepted.statusCode() + " " + accepted.body());
        }
        return accepted.headers().firstValue("Location").orElseThrow();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + ServerProcess.TOKEN);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = call(request);
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(-1, String.valueOf(e));
        }
    }

    private static HttpResponse<String> call(HttpRequest.Builder request) throws IOException {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
