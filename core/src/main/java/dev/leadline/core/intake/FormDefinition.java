package dev.leadline.core.intake;

import java.util.List;
import java.util.Map;

/**
 * A web-to-lead form: which submitted field feeds which lead field (others map themselves or
 * become custom fields), the source and campaign its leads get, where to send the visitor after,
 * and which web origins may post to it from JavaScript.
 */
public record FormDefinition(String key, String name, Map<String, String> fieldMapping, String defaultSource,
                             String defaultCampaign, String thankYouUrl, List<String> allowedOrigins) {
    /** A hidden field people never fill in; a submission that fills it is treated as spam. */
    public static final String HONEYPOT = "leadline_hp";

    public FormDefinition {
        fieldMapping = Map.copyOf(fieldMapping);
        allowedOrigins = List.copyOf(allowedOrigins);
    }
}
