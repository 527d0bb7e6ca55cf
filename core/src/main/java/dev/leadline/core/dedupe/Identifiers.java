package dev.leadline.core.dedupe;

import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The fields an installation names as identifiers of a person (a national id, a customer number): two
 * leads with the same value are the same person, two with different values most likely two people. A
 * field is named as in list filters: a lead field ({@code externalId}) or {@code custom.<name>}.
 */
public record Identifiers(List<String> fields) {
    /** No identifiers: only the lead's own fields are weighed. */
    public static final Identifiers NONE = new Identifiers(List.of());
    private static final String CUSTOM = "custom.";
    /** Each one is a key of every lead and is named in every flag it decides: a few are plenty. */
    private static final int MAX = 5;

    public Identifiers {
        fields = List.copyOf(fields);
    }

    /**
     * Identifiers as configured; {@code where} names the setting in errors.
     *
     * @throws ValidationException naming the entry that is not a field or is named twice, or more than five
     */
    public static Identifiers of(List<String> names, String where) {
        if (names.size() > MAX) {
            throw new ValidationException(where, "at most " + MAX + " identifiers, got " + names.size());
        }
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i) == null ? "" : names.get(i).strip();
            String entry = where + "[" + i + "]";
            boolean custom = name.startsWith(CUSTOM) && name.length() > CUSTOM.length() && name.length() <= CUSTOM.length() + 100;
            if (!custom && LeadField.byName(name).isEmpty()) {
                throw new ValidationException(entry, "must be a lead field (" + Arrays.stream(LeadField.values()).map(LeadField::jsonName)
                        .collect(Collectors.joining(", ")) + ") or custom.<name>, got '" + name + "'");
            }
            if (fields.contains(name)) {
                throw new ValidationException(entry, "'" + name + "' is named twice");
            }
            fields.add(name);
        }
        return new Identifiers(fields);
    }

    /**
     * The lead's identifiers that have a value, by field name, in their matching form: letters and
     * digits only, lower case ({@code 123-45-678} and {@code 12345 678} are one number).
     */
    public Map<String, String> valuesOf(LeadData data) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : fields) {
            String raw = field.startsWith(CUSTOM) ? data.customFields().get(field.substring(CUSTOM.length()))
                    : data.getOrNull(LeadField.byName(field).orElseThrow());
            String value = MatchKeys.plain(raw).replace(" ", "");
            if (!value.isEmpty()) {
                values.put(field, value);
            }
        }
        return values;
    }
}
