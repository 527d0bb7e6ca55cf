package dev.leadline.core.lead;

import dev.leadline.core.common.Text;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a source tells us about a lead: the standard fields (already validated and normalised by
 * {@link LeadDraft}) and any custom fields. Absent values are simply not in the map.
 */
public record LeadData(Map<LeadField, String> fields, Map<String, String> customFields) {

    public LeadData {
        EnumMap<LeadField, String> copy = new EnumMap<>(LeadField.class);
        copy.putAll(fields);
        fields = java.util.Collections.unmodifiableMap(copy);
        customFields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(customFields));
    }

    public static LeadData empty() {
        return new LeadData(Map.of(), Map.of());
    }

    public Optional<String> get(LeadField field) {
        return Optional.ofNullable(fields.get(field));
    }

    public String getOrNull(LeadField field) {
        return fields.get(field);
    }

    public Integer employeeCount() {
        return get(LeadField.EMPLOYEE_COUNT).map(Integer::valueOf).orElse(null);
    }

    /** The lower-cased, composed (NFC) email used to find the same person again, or null. */
    public String emailKey() {
        return get(LeadField.EMAIL).map(e -> Text.nfc(e).toLowerCase(Locale.ROOT)).orElse(null);
    }

    /** First and last name joined, or null when neither is known. */
    public String displayName() {
        String first = fields.get(LeadField.FIRST_NAME);
        String last = fields.get(LeadField.LAST_NAME);
        if (first == null && last == null) {
            return null;
        }
        return first == null ? last : last == null ? first : first + " " + last;
    }

    /** This data with every value of {@code other} laid over it. */
    public LeadData overlaidWith(LeadData other) {
        EnumMap<LeadField, String> merged = new EnumMap<>(LeadField.class);
        merged.putAll(fields);
        merged.putAll(other.fields);
        Map<String, String> custom = new LinkedHashMap<>(customFields);
        custom.putAll(other.customFields);
        return new LeadData(merged, custom);
    }
}
