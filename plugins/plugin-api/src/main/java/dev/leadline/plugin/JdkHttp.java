package dev.leadline.plugin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@link ProviderContext.Http} on the JDK's HTTP client, with a timeout per request. The host wraps
 * it with the plugin's rate limit; tests can use it as is.
 */
public final class JdkHttp implements ProviderContext.Http {
    private final HttpClient client;
    private final Duration timeout;
    /** The longest any one request may take, whatever it asks for. */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(120);

    public JdkHttp(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public ProviderContext.Response send(ProviderContext.Request request) throws IOException, InterruptedException {
        // a request may ask for longer (a language model), up to the host's ceiling
        Duration limit = request.timeout() == null ? timeout : request.timeout().compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT
                : request.timeout().isNegative() || request.timeout().isZero() ? timeout : request.timeout();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.url())).timeout(limit)
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body()));
        request.headers().forEach(builder::header);
        HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.isEmpty() ? "" : values.get(0)));
        return new ProviderContext.Response(response.statusCode(), headers, response.body());
    }
}
