package dev.leadline.plugin;

/**
 * One value a provider found for a field.
 *
 * @param field      the field's name (as in {@link LeadSnapshot}), or a provider-specific one such as
 *                   {@code emailType} or {@code phoneCountry}
 * @param value      the value, as text
 * @param confidence how sure the provider is, from 0 to 1
 */
public record FieldValue(String field, String value, double confidence) {
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
}
