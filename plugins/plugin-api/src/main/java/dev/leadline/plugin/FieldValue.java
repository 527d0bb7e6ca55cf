package dev.leadline.plugin;

/**
 * One value a provider found for a field.
 *
 * <p>A value may also say that it is the <em>cleaned form</em> of one of the lead's own fields
 * ({@link #cleaned}): the same value in a usual form (a phone number in E.164, a name in its usual
 * case), or a value for a field the lead left empty. A host whose settings let the plugin write
 * fields ({@code plugins.<plugin id>.writeFields: true}) then writes it onto the lead's own field,
 * but only while that field still holds {@link #cleanedFrom()} and no person or source has changed
 * it since the lead arrived; otherwise it stays beside the lead's fields like any other value.
 *
 * @param field       the field's name (as in {@link LeadSnapshot}), or a provider-specific one such as
 *                    {@code emailType} or {@code phoneCountry}
 * @param value       the value, as text
 * @param confidence  how sure the provider is, from 0 to 1
 * @param cleanedFrom the lead's own value of {@code field} that {@code value} is the cleaned form of
 *                    ({@code ""} when the lead had none), or {@code null} for a value that is not
 *                    meant for the lead's own field; since 1.2.0
 */
public record FieldValue(String field, String value, double confidence, String cleanedFrom) {
    public FieldValue {
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("a field value needs the field's name");
        }
        if (value == null) {
            throw new IllegalArgumentException("field " + field + " has no value");
        }
        if (confidence < 0 || confidence > 1 || Double.isNaN(confidence)) {
            throw new IllegalArgumentException("confidence of " + field + " must be from 0 to 1, got " + confidence);
        }
    }

    /** A value found for a field, not meant for the lead's own field. */
    public FieldValue(String field, String value, double confidence) {
        this(field, value, confidence, null);
    }

    /**
     * The cleaned form of the lead's own value of {@code field}: it must mean the same as {@code raw}
     * (never a different phone number or another person's name), only written in the usual form.
     *
     * @param raw the lead's own value as the provider saw it in {@link LeadSnapshot#fields()}, or
     *            {@code ""} when the lead had none and this value fills the field
     * @since 1.2.0
     */
    public static FieldValue cleaned(String field, String value, double confidence, String raw) {
        if (raw == null) {
            throw new IllegalArgumentException("a cleaned value of " + field + " needs the raw value it cleans (\"\" for none)");
        }
        return new FieldValue(field, value, confidence, raw);
    }

    /**
     * The cleaned form of what {@code lead} holds in {@code field} itself ({@code ""} when it holds nothing).
     *
     * @since 1.2.0
     */
    public static FieldValue cleaned(LeadSnapshot lead, String field, String value, double confidence) {
        return cleaned(field, value, confidence, lead.fields().getOrDefault(field, ""));
    }

    /** Whether this value is the cleaned form of the lead's own field ({@link #cleaned}). */
    public boolean isCleaned() {
        return cleanedFrom != null;
    }
}
