package dev.leadline.core.lead;

import dev.leadline.core.common.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Where the previous page ended: an opaque string to clients, the last lead id to us. */
public record LeadCursor(long lastId) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + lastId).getBytes(StandardCharsets.UTF_8));
    }

    public static LeadCursor decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith("v1:")) {
                return new LeadCursor(Long.parseLong(text.substring(3)));
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ValidationException("cursor", "is not a cursor returned by this API");
    }
}
