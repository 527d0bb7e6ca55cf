package dev.leadline.plugin;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the host gives a provider: its configuration, an HTTP client with limits, a cache, a clock,
 * a log, and a way to deliver enrichment later. One context per plugin; thread-safe.
 */
public interface ProviderContext {
    /**
     * The plugin's settings: {@code plugins.<plugin id>.<key>} in {@code leadline.yml}, overridden by
     * environment variables {@code LEADLINE_PLUGIN_<PLUGIN_ID>_<KEY>} (upper case, {@code -} and
     * {@code .} as {@code _}).
     */
    Map<String, String> config();

    /** One setting, if present and not blank. */
    default Optional<String> config(String key) {
        return Optional.ofNullable(config().get(key)).filter(v -> !v.isBlank());
    }

    /** HTTP with a timeout and a per-plugin rate limit. */
    Http http();

    /** A small in-memory cache per plugin, entries expiring after {@code ttl}. */
    <T> T cached(String key, Duration ttl, Supplier<T> load);

    Clock clock();

    /** The plugin's log (the host's logging, named after the plugin). */
    Log log();

    /**
     * The organisation's decided leads, newest first, at most {@code max}: converted ones as won,
     * disqualified ones as lost. For providers that learn from history; read it rarely and cache
     * what you learn ({@link #cached}).
     */
    List<Outcome> outcomes(int max);

    /**
     * Asks the host to score the open leads again soon, e.g. after a model learned from new outcomes.
     * Cheap to call; the host spreads the work over its background loop. Does nothing by default.
     */
    default void rescoreOpenLeads() {}

    /**
     * Delivers enrichment found after {@link EnrichmentProvider#enrich} returned (e.g. from a webhook
     * the provider registered); merged like any other result.
     */
    void deliverLater(String leadId, List<FieldValue> values);

    /** A minimal HTTP client; no third-party types. */
    interface Http {
        /** Sends a request; a 429 answer is returned like any other (its {@code Retry-After} in the headers). */
        Response send(Request request) throws java.io.IOException, InterruptedException;
    }

    /**
     * An HTTP request.
     *
     * @param method  GET, POST, ...
     * @param url     absolute URL
     * @param headers request headers
     * @param body    request body, or {@code null}
     * @param timeout how long the request may take (since 1.3.0; the host caps it at 120 s), or {@code null} for the host's
     *                default of 5 s
     */
    record Request(String method, String url, Map<String, String> headers, String body, java.time.Duration timeout) {
        public Request {
            headers = Map.copyOf(headers);
        }

        /** A request with the host's default timeout. */
        public Request(String method, String url, Map<String, String> headers, String body) {
            this(method, url, headers, body, null);
        }

        /** The same request with its own timeout (since 1.3.0), e.g. for a language model that writes for half a minute. */
        public Request withTimeout(java.time.Duration timeout) {
            return new Request(method, url, headers, body, timeout);
        }

        public static Request get(String url, Map<String, String> headers) {
            return new Request("GET", url, headers, null);
        }
    }

    /**
     * An HTTP response.
     *
     * @param status  the status code
     * @param headers response headers, names in lower case, first value
     * @param body    the body as text
     */
    record Response(int status, Map<String, String> headers, String body) {
        public Response {
            headers = Map.copyOf(headers);
        }
    }

    /** A log for one plugin. */
    interface Log {
        void info(String message);

        void warn(String message);
    }
}
