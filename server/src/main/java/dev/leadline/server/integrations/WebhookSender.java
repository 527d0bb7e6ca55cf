package dev.leadline.server.integrations;

import dev.leadline.core.integration.Attempt;
import dev.leadline.core.integration.Delivery;
import dev.leadline.core.integration.Webhook;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Sends one event to one subscription as the Standard Webhooks specification says: a JSON {@code POST} with
 * {@code webhook-id} (the event's, the same on every retry), {@code webhook-timestamp} (this attempt's, in unix
 * seconds) and {@code webhook-signature} ({@code v1,} and the base64 HMAC-SHA256 of {@code id.timestamp.body}
 * with the secret's key). 10 s in all, redirects not followed, no proxy, every connection's addresses checked.
 */
public final class WebhookSender {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private final OkHttpClient http;
    private final WebhookTargets targets;
    private final Clock clock;
    private final String userAgent;

    public WebhookSender(WebhookTargets targets, Clock clock, String version) {
        this.targets = targets;
        this.clock = clock;
        this.userAgent = "Leadline-Webhooks/" + version;
        this.http = new OkHttpClient.Builder().dns(targets.dns()).proxy(java.net.Proxy.NO_PROXY).followRedirects(false)
                .followSslRedirects(false).callTimeout(TIMEOUT).connectTimeout(TIMEOUT).readTimeout(TIMEOUT).writeTimeout(TIMEOUT)
                .retryOnConnectionFailure(false).build();
    }

    /** One attempt; never throws. */
    public Attempt send(Webhook hook, Delivery delivery) {
        Instant now = clock.instant();
        long started = System.nanoTime();
        try {
            targets.check(hook.url());
        } catch (dev.leadline.core.common.ValidationException e) {
            return new Attempt(Attempt.Outcome.RETRY, now, null, 0, null, "url " + e.errors().get(0).message(), null);
        }
        String timestamp = String.valueOf(now.getEpochSecond());
        String body = delivery.event().payload();
        Request request = new Request.Builder().url(hook.url()).post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8), JSON))
                .header("User-Agent", userAgent)
                .header("webhook-id", delivery.event().msgId())
                .header("webhook-timestamp", timestamp)
                .header("webhook-signature", signature(hook.secret(), delivery.event().msgId(), timestamp, body))
                .build();
        try (Response response = http.newCall(request).execute()) {
            int latency = (int) TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            String answer = response.peekBody(Attempt.RESPONSE_BYTES).string();
            int code = response.code();
            if (code >= 200 && code < 300) {
                return new Attempt(Attempt.Outcome.DELIVERED, now, code, latency, answer, null, null);
            }
            String error = code >= 300 && code < 400
                    ? "answered " + code + " (redirects are not followed" + (response.header("Location") == null ? ")" : ": " + response.header("Location") + ")")
                    : "answered " + code;
            return new Attempt(Attempt.Outcome.RETRY, now, code, latency, answer, error, retryAfter(response.header("Retry-After")));
        } catch (IOException e) {
            int latency = (int) TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            String why = e instanceof java.io.InterruptedIOException ? "no answer within " + TIMEOUT.toSeconds() + " s"
                    : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Attempt(Attempt.Outcome.RETRY, now, null, latency, null, why, null);
        }
    }

    /** {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">} with the key in a {@code whsec_} secret. */
    static String signature(String secret, String msgId, String timestamp, String body) {
        byte[] key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] sig = mac.doFinal((msgId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Retry-After in seconds (an HTTP date is read too); null when absent or unreadable. */
    private Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            try {
                Instant at = java.time.ZonedDateTime.parse(value.strip(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Duration.between(clock.instant(), at).isNegative() ? Duration.ZERO : Duration.between(clock.instant(), at);
            } catch (java.time.format.DateTimeParseException ignored) {
                return null;
            }
        }
    }

    void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
