package dev.leadline.core.lead;

import dev.leadline.core.common.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Where the previous page ended: an opaque string to clients; to us the last lead id and, for a list
 * sorted by a field, that lead's value of the field ({@code null} when it had none) and the sort it
 * belongs to, so that a cursor cannot be replayed against another order.
 */
public record LeadCursor(long lastId, String sort, String sortValue) {

    public LeadCursor(long lastId) {
        this(lastId, null, null);
    }

    public String encode() {
        String text = sort == null ? "v1:" + lastId
                : "v2:" + lastId + ":" + sort + ":" + (sortValue == null ? "~" : base64(sortValue.getBytes(StandardCharsets.UTF_8)));
        return base64(text.getBytes(StandardCharsets.UTF_8));
    }

    public Optional<String> value() {
        return Optional.ofNullable(sortValue);
    }

    public static LeadCursor decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith("v1:")) {
                return new LeadCursor(Long.parseLong(text.substring(3)));
            }
            String[] parts = text.split(":", 4);
            if (parts.length == 4 && parts[0].equals("v2")) {
                String value = parts[3].equals("~") ? null : new String(Base64.getUrlDecoder().decode(parts[3]), StandardCharsets.UTF_8);
                return new LeadCursor(Long.parseLong(parts[1]), parts[2], value);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ValidationException("cursor", "is not a cursor returned by this API");
    }

    /** Checks that this cursor came from a list in the given order. */
    public LeadCursor forSort(LeadSort order) {
        String expected = order.field().isPresent() ? order.label() : null;
        if (!java.util.Objects.equals(expected, sort)) {
            throw new ValidationException("cursor", "belongs to a list in another order; start again without a cursor");
        }
        return this;
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
