package dev.leadline.plugins.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadline.plugin.CrmResult;
import dev.leadline.plugin.ProviderContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What an error answer from Salesforce comes to. The REST API answers errors as {@code [{"message", "errorCode",
 * "fields"}]} (REST API Developer Guide, "Status Codes and Error Responses"): 429/503 and {@code REQUEST_LIMIT_EXCEEDED}
 * (403) ask to slow down; 401 is a session refused; other 4xx are the record's fault ({@code REQUIRED_FIELD_MISSING},
 * {@code FIELD_CUSTOM_VALIDATION_EXCEPTION}, {@code INVALID_EMAIL_ADDRESS}, {@code ENTITY_IS_DELETED}, ...) except
 * 403's missing permissions; 5xx are Salesforce's.
 */
final class SalesforceErrors {
    /** The org's API request limit is counted over 24 hours: look again in an hour. */
    static final Duration LIMIT_WAIT = Duration.ofHours(1);
    static final Duration BUSY_WAIT = Duration.ofSeconds(30);
    private static final int MAX_QUOTED = 300;

    private SalesforceErrors() {}

    static CrmResult result(ProviderContext.Response response) {
        JsonNode body = parse(response.body());
        String code = code(body);
        String said = said(body, response.body());
        int status = response.status();
        if (status == 429 || status == 503 || "REQUEST_LIMIT_EXCEEDED".equals(code)) {
            return CrmResult.rateLimited(retryAfter(response, code), "Salesforce asked to slow down (HTTP " + status + "): " + said);
        }
        if (status == 401) {
            return CrmResult.failed("Salesforce refused the session (HTTP 401) after a new JWT grant: " + said);
        }
        if (status == 403) {
            return CrmResult.failed("Salesforce forbade it (HTTP 403; the user's permissions?): " + said);
        }
        if (status >= 400 && status < 500) {
            return CrmResult.rejected("Salesforce rejected it (HTTP " + status + "): " + said);
        }
        return CrmResult.failed("Salesforce answered HTTP " + status + ": " + said);
    }

    static boolean invalidSession(ProviderContext.Response response) {
        return response.status() == 401 && "INVALID_SESSION_ID".equals(code(parse(response.body())));
    }

    static Duration retryAfter(ProviderContext.Response response, String code) {
        String header = response.headers().get("retry-after");
        if (header != null && header.strip().matches("\\d{1,6}")) {
            return Duration.ofSeconds(Long.parseLong(header.strip()));
        }
        return "REQUEST_LIMIT_EXCEEDED".equals(code) ? LIMIT_WAIT : BUSY_WAIT;
    }

    static String code(JsonNode body) {
        JsonNode first = body.isArray() ? body.path(0) : body;
        return first.path("errorCode").asText(first.path("error").asText(""));
    }

    /** {@code CODE: message (fields)} for each error, at most 300 characters. */
    private static String said(JsonNode body, String raw) {
        List<String> parts = new ArrayList<>();
        for (JsonNode error : body.isArray() ? body : List.of(body)) {
            String message = error.path("message").asText(error.path("error_description").asText(""));
            if (message.isEmpty()) {
                continue;
            }
            String fields = error.path("fields").isArray() && !error.path("fields").isEmpty() ? " " + error.path("fields") : "";
            parts.add(code(error).isEmpty() ? message + fields : code(error) + ": " + message + fields);
        }
        String text = (parts.isEmpty() ? (raw == null || raw.isBlank() ? "(no body)" : raw) : String.join("; ", parts)).replaceAll("\\s+", " ").strip();
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED - 1) + "…";
    }

    static JsonNode parse(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : SalesforceApi.JSON.readTree(body);
            return node == null ? SalesforceApi.JSON.createObjectNode() : node;
        } catch (java.io.IOException e) {
            return SalesforceApi.JSON.createObjectNode();
        }
    }
}
