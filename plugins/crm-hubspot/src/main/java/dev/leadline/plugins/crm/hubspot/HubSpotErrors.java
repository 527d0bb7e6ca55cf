package dev.leadline.plugins.crm.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadline.plugin.CrmResult;
import dev.leadline.plugin.ProviderContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What an error answer from HubSpot comes to. HubSpot's error body is {@code {status, message, correlationId,
 * category, errors: [{message, code, context}]}}; a 429 adds {@code errorType: RATE_LIMIT} and {@code policyName}
 * ({@code TEN_SECONDLY_ROLLING}, {@code SECONDLY} or {@code DAILY}) and the {@code X-HubSpot-RateLimit-*} headers
 * (developers.hubspot.com, "API usage guidelines and limits").
 */
final class HubSpotErrors {
    /** How long to wait after a daily-limit 429: HubSpot resets it at midnight in the account's time zone, which we do not know. */
    static final Duration DAILY_WAIT = Duration.ofHours(1);
    static final Duration BURST_WAIT = Duration.ofSeconds(10);
    private static final int MAX_QUOTED = 300;

    private HubSpotErrors() {}

    static CrmResult result(ProviderContext.Response response, String token) {
        JsonNode error = parse(response.body());
        int status = response.status();
        String said = said(error, response.body(), token);
        if (status == 429) {
            String policy = error.path("policyName").asText("");
            return CrmResult.rateLimited(retryAfter(response, policy), "HubSpot rate limit" + (policy.isEmpty() ? "" : " " + policy) + ": " + said);
        }
        if (status == 401) {
            return CrmResult.failed("HubSpot refused the token (HTTP 401): check " + HubSpotSettings.PREFIX + "token; HubSpot said: " + said);
        }
        if (status == 403) {
            return CrmResult.failed("HubSpot forbade the call (HTTP 403, does the private app have the crm.objects scopes?): " + said);
        }
        if (status >= 500) {
            return CrmResult.failed("HubSpot answered HTTP " + status + ": " + said);
        }
        if (status >= 400) {
            String category = error.path("category").asText("");
            return CrmResult.rejected("HubSpot rejected it (HTTP " + status + (category.isEmpty() ? "" : " " + category) + "): " + said);
        }
        return CrmResult.failed("HubSpot answered HTTP " + status + ": " + said);
    }

    /** {@code Retry-After} (seconds) when sent; else a day's wait for the daily limit; else the rolling window's length. */
    static Duration retryAfter(ProviderContext.Response response, String policy) {
        String header = response.headers().get("retry-after");
        if (header != null && header.strip().matches("\\d{1,6}")) {
            return Duration.ofSeconds(Long.parseLong(header.strip()));
        }
        if ("DAILY".equals(policy)) {
            return DAILY_WAIT;
        }
        String interval = response.headers().get("x-hubspot-ratelimit-interval-milliseconds");
        if (interval != null && interval.strip().matches("\\d{1,9}")) {
            return Duration.ofMillis(Long.parseLong(interval.strip()));
        }
        return BURST_WAIT;
    }

    /** The message and the detailed errors' messages, at most 300 characters, the token blanked out. */
    private static String said(JsonNode error, String body, String token) {
        List<String> parts = new ArrayList<>();
        if (error.path("message").isTextual()) {
            parts.add(error.path("message").textValue());
        }
        for (JsonNode detail : error.path("errors")) {
            String message = detail.path("message").asText("");
            if (!message.isEmpty() && !parts.contains(message)) {
                parts.add(message);
            }
        }
        String text = parts.isEmpty() ? (body == null || body.isBlank() ? "(no body)" : body) : String.join("; ", parts);
        text = text.replaceAll("\\s+", " ").strip();
        if (token != null && token.length() >= 4) {
            text = text.replace(token, "***");
        }
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED - 1) + "…";
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : HubSpotApi.JSON.readTree(body);
            return node == null ? HubSpotApi.object() : node;
        } catch (java.io.IOException e) {
            return HubSpotApi.object();
        }
    }
}
