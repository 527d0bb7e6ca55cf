package dev.leadline.teams;

import com.microsoft.bot.connector.authentication.AppCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches files users send the bot. A file uploaded in personal chat comes with a pre-authenticated
 * https address (SharePoint's), fetched without credentials; content on the connector (a pasted image)
 * is fetched with the bot's token, which is only ever sent to the conversation's own service URL.
 */
final class TeamsFiles {
    private final AppCredentials credentials;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    TeamsFiles(AppCredentials credentials) {
        this.credentials = credentials;
    }

    InputStream download(TeamsTransport.SharedFile file, String serviceUrl) throws IOException {
        URI url = URI.create(file.url());
        boolean onConnector = serviceUrl != null && sameOrigin(url, URI.create(serviceUrl));
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).GET();
        if (file.onConnector()) {
            if (!onConnector) {
                throw new IOException("the file is not on this conversation's service URL");
            }
            request.header("Authorization", "Bearer " + token());
        } else if (!"https".equals(url.getScheme()) && !onConnector) {
            throw new IOException("a shared file's address must be https");
        }
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException("Teams answered " + response.statusCode() + " for " + file.name());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + file.name(), e);
        }
    }

    private String token() throws IOException {
        try {
            return credentials.getToken().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("no bot token to fetch the file: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme()) && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && a.getPort() == b.getPort();
    }
}
