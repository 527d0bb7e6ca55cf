package dev.leadline.server.booking;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches calendars over HTTP within bounds: an answer within {@link #TIMEOUT} (all of it), at most
 * {@link #MAX_BYTES}, at most {@link #MAX_REDIRECTS} redirects, each to http(s) and never from https
 * down to http. Credentials go only to the origin they were given for.
 */
final class CalendarHttp {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_BYTES = 5 * 1024 * 1024;
    static final int MAX_REDIRECTS = 3;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build();

    /** A request to send: method, optional body, headers, and Basic credentials for its first origin. */
    record Call(String method, URI url, Optional<String> body, Map<String, String> headers, Optional<String> basicAuth) {
        static Call get(URI url) {
            return new Call("GET", url, Optional.empty(), Map.of("Accept", "text/calendar"), Optional.empty());
        }
    }

    /** The body of a 2xx answer, as text. */
    String fetch(Call call) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        URI url = call.url();
        for (int redirects = 0; ; redirects++) {
            HttpResponse<byte[]> response = send(call, url, sameOrigin(call.url(), url), deadline);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new String(response.body(), StandardCharsets.UTF_8);
            }
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                url = redirect(url, response, redirects);
                continue;
            }
            throw new CalendarReadException(url.getHost() + " answered HTTP " + status + hint(status));
        }
    }

    private static String hint(int status) {
        return switch (status) {
            case 401, 403 -> " (check the user and password)";
            case 404 -> " (no calendar at that address)";
            default -> "";
        };
    }

    private static URI redirect(URI from, HttpResponse<?> response, int redirects) {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new CalendarReadException(from.getHost() + " redirected without a Location"));
        if (redirects >= MAX_REDIRECTS) {
            throw new CalendarReadException(from.getHost() + " redirected more than " + MAX_REDIRECTS + " times");
        }
        URI to;
        try {
            to = from.resolve(location);
        } catch (IllegalArgumentException e) {
            throw new CalendarReadException(from.getHost() + " redirected to an address that is not a URL");
        }
        String scheme = Objects.toString(to.getScheme(), "").toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || to.getHost() == null) {
            throw new CalendarReadException(from.getHost() + " redirected to something other than an http(s) address");
        }
        if (from.getScheme().equalsIgnoreCase("https") && scheme.equals("http")) {
            throw new CalendarReadException(from.getHost() + " redirected from https down to http (" + to.getHost() + "); refused");
        }
        return to;
    }

    private HttpResponse<byte[]> send(Call call, URI url, boolean withAuth, long deadline) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .method(call.method(), call.body().map(b -> HttpRequest.BodyPublishers.ofString(b, StandardCharsets.UTF_8))
                        .orElse(HttpRequest.BodyPublishers.noBody()));
        call.headers().forEach(request::header);
        if (withAuth) {
            call.basicAuth().ifPresent(credentials -> request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))));
        }
        HttpRequest built = request.build();
        for (int attempt = 1; ; attempt++) {
            CompletableFuture<HttpResponse<byte[]>> answer = client.sendAsync(built, info -> new Limited(MAX_BYTES));
            try {
                return answer.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                answer.cancel(true);
                throw new CalendarReadException(url.getHost() + " did not answer within " + TIMEOUT.toSeconds() + " s");
            } catch (InterruptedException e) {
                answer.cancel(true);
                Thread.currentThread().interrupt();
                throw new CalendarReadException("reading from " + url.getHost() + " was interrupted");
            } catch (ExecutionException e) {
                // a kept-alive connection the server closed as it was reused answers nothing: a read may go again, once
                if (attempt == 1 && closedUnanswered(e.getCause())) {
                    continue;
                }
                throw failure(url, e.getCause());
            }
        }
    }

    private static boolean closedUnanswered(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof java.io.EOFException || String.valueOf(c.getMessage()).contains("received no bytes")) {
                return true;
            }
        }
        return false;
    }

    private static CalendarReadException failure(URI url, Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof TooLarge) {
                cause = c;
            }
        }
        if (cause instanceof TooLarge) {
            return new CalendarReadException(url.getHost() + " sent more than " + MAX_BYTES / (1024 * 1024) + " MB");
        }
        if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException) {
            return new CalendarReadException(url.getHost() + " did not answer within " + TIMEOUT.toSeconds() + " s");
        }
        if (cause instanceof java.net.ConnectException) {
            return new CalendarReadException("cannot connect to " + url.getHost() + ":" + port(url));
        }
        if (cause instanceof javax.net.ssl.SSLException) {
            return new CalendarReadException("no trusted TLS connection to " + url.getHost());
        }
        if (cause instanceof IOException) {
            return new CalendarReadException("reading from " + url.getHost() + " failed (" + cause.getClass().getSimpleName() + ")");
        }
        return new CalendarReadException("reading from " + url.getHost() + " failed");
    }

    private static int port(URI url) {
        return url.getPort() > 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("answer too large");
        }
    }

    /** Collects the body, giving up (and closing the connection) once it passes the limit. */
    private static final class Limited implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        private final int limit;
        private Flow.Subscription subscription;

        Limited(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + buffer.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
