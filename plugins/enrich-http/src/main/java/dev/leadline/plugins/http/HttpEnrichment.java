package dev.leadline.plugins.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadline.plugin.Enrichment;
import dev.leadline.plugin.EnrichmentProvider;
import dev.leadline.plugin.FieldValue;
import dev.leadline.plugin.LeadSnapshot;
import dev.leadline.plugin.ProviderContext;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pf4j.Extension;

/**
 * Enrichment from any JSON-over-HTTP API, configured without code (Clearbit-, Apollo- or in-house
 * style). Settings ({@code plugins.enrich-http} in leadline.yml):
 * <ul>
 *   <li>{@code url}: a template, {@code https://api.example.com/v1/companies?domain={domain}}; each
 *       {@code {field}} is the lead's value (given or enriched), URL-encoded. A lead missing a field
 *       the template names is skipped.</li>
 *   <li>{@code authHeader}: e.g. {@code Authorization: Bearer sk_live_...} (optional).</li>
 *   <li>{@code mapping}: JSON pointers to fields, {@code /company/industry=industry, /metrics/employees=employeeCount}.</li>
 *   <li>{@code confidence} (0.7) for the values found.</li>
 * </ul>
 * Without a {@code url} it does nothing (and says so once in the log). A {@code 404} means nothing is known. A {@code 429} is honoured: with {@code Retry-After} of at most
 * {@code maxWaitSeconds} (1) it waits once and tries again; otherwise it stops calling until then and
 * says so for each lead in between.
 */
@Extension
public final class HttpEnrichment implements EnrichmentProvider {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.]+)}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private volatile Instant pausedUntil = Instant.MIN;
    private volatile boolean warned;

    @Override
    public String id() {
        return "http";
    }

    @Override
    public Set<String> fills() {
        return Set.of("industry", "employeeCount", "title", "company", "domain", "country", "city", "phone");
    }

    @Override
    public Set<String> needs() {
        return Set.of("email", "domain", "website", "company", "phone");
    }

    @Override
    public Enrichment enrich(LeadSnapshot lead, ProviderContext context) throws IOException, InterruptedException {
        Optional<String> configured = context.config("url");
        if (configured.isEmpty()) {
            if (!warned) {
                warned = true;
                context.log().warn("enrich-http does nothing until plugins.enrich-http.url (or LEADLINE_PLUGIN_ENRICH_HTTP_URL) is set");
            }
            return Enrichment.none();
        }
        String template = configured.get();
        Map<String, String> mapping = mapping(context.config("mapping").orElse(""));
        Optional<String> url = url(template, lead);
        if (url.isEmpty()) {
            return Enrichment.none();
        }
        Instant now = context.clock().instant();
        if (now.isBefore(pausedUntil)) {
            throw new IOException("the API asked us to wait (429) until " + pausedUntil + "; not called");
        }
        Map<String, String> headers = new LinkedHashMap<>(Map.of("Accept", "application/json"));
        context.config("authHeader").ifPresent(h -> {
            int colon = h.indexOf(':');
            if (colon > 0) {
                headers.put(h.substring(0, colon).strip(), h.substring(colon + 1).strip());
            }
        });
        ProviderContext.Request request = ProviderContext.Request.get(url.get(), headers);
        ProviderContext.Response response = context.http().send(request);
        if (response.status() == 429) {
            Duration wait = retryAfter(response);
            long maxWait = Long.parseLong(context.config("maxWaitSeconds").orElse("1"));
            if (wait.getSeconds() > maxWait) {
                pausedUntil = now.plus(wait);
                throw new IOException("rate limited by the API (429); paused for " + wait.getSeconds() + " s");
            }
            Thread.sleep(wait.toMillis());
            response = context.http().send(request);
            if (response.status() == 429) {
                pausedUntil = context.clock().instant().plus(retryAfter(response));
                throw new IOException("rate limited by the API (429) again after waiting " + wait.toMillis() + " ms");
            }
        }
        if (response.status() == 404) {
            return Enrichment.none();
        }
        if (response.status() / 100 != 2) {
            throw new IOException("the API answered HTTP " + response.status());
        }
        JsonNode body = JSON.readTree(response.body());
        double confidence = Double.parseDouble(context.config("confidence").orElse("0.7"));
        List<FieldValue> found = new ArrayList<>();
        mapping.forEach((pointer, field) -> {
            JsonNode value = body.at(pointer);
            if (!value.isMissingNode() && !value.isNull() && value.isValueNode() && !value.asText().isBlank()) {
                found.add(new FieldValue(field, value.asText(), confidence));
            }
        });
        return Enrichment.of(found);
    }

    static Optional<String> url(String template, LeadSnapshot lead) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Optional<String> value = lead.get(m.group(1));
            if (value.isEmpty()) {
                return Optional.empty();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(URLEncoder.encode(value.get(), StandardCharsets.UTF_8)));
        }
        m.appendTail(out);
        return Optional.of(out.toString());
    }

    /** {@code /a/b=field, /c=other} → pointer → field; a malformed entry is refused with its text. */
    static Map<String, String> mapping(String text) {
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String entry : text.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.split("=", 2);
            if (parts.length != 2 || !parts[0].strip().startsWith("/") || parts[1].isBlank()) {
                throw new IllegalArgumentException("mapping entry '" + entry.strip() + "' must look like /json/pointer=field");
            }
            mapping.put(parts[0].strip(), parts[1].strip());
        }
        if (mapping.isEmpty()) {
            throw new IllegalArgumentException("set plugins.enrich-http.mapping, e.g. /company/industry=industry");
        }
        return mapping;
    }

    private static Duration retryAfter(ProviderContext.Response response) {
        String value = response.headers().getOrDefault("retry-after", "1").strip();
        return value.matches("\\d{1,6}") ? Duration.ofSeconds(Long.parseLong(value)) : Duration.ofSeconds(1);
    }
}
