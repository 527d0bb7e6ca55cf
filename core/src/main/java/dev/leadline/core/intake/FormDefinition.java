package dev.leadline.core.intake;

import java.util.List;
import java.util.Map;

/**
 * A web-to-lead form: which submitted field feeds which lead field (others map themselves or
 * become custom fields), the source and campaign its leads get, where to send the visitor after,
 * which web origins may post to it from JavaScript, and whether its visitors may book a meeting
 * ({@code booking}, null when not).
 */
public record FormDefinition(String key, String name, Map<String, String> fieldMapping, String defaultSource,
                             String defaultCampaign, String thankYouUrl, List<String> allowedOrigins,
                             dev.leadline.core.booking.BookingSpec booking) {
    /** A hidden field people never fill in; a submission that fills it is treated as spam. */
    public static final String HONEYPOT = "leadline_hp";

    public FormDefinition {
        fieldMapping = Map.copyOf(fieldMapping);
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** A form without booking. */
    public FormDefinition(String key, String name, Map<String, String> fieldMapping, String defaultSource, String defaultCampaign,
                          String thankYouUrl, List<String> allowedOrigins) {
        this(key, name, fieldMapping, defaultSource, defaultCampaign, thankYouUrl, allowedOrigins, null);
    }
}
