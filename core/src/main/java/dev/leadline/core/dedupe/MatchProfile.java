package dev.leadline.core.dedupe;

import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadField;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A lead in its matching form: every field normalised once ({@link MatchKeys}), from the lead's own
 * fields (street, postal code, city and birth date included) and the installation's
 * {@link Identifiers} (by field name; custom fields are read only as identifiers).
 */
public record MatchProfile(String email, String firstName, String lastName, String company, String domain, String phone, String street,
                           String postcode, String city, String birthDate, Map<String, String> identifiers) {

    public MatchProfile {
        identifiers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(identifiers));
    }

    public static MatchProfile of(LeadData data, Identifiers identifiers) {
        String domain = data.get(LeadField.DOMAIN).or(() -> data.get(LeadField.WEBSITE)).map(MatchKeys::domainRoot).orElse("");
        return new MatchProfile(MatchKeys.email(data.getOrNull(LeadField.EMAIL)), MatchKeys.firstName(data.getOrNull(LeadField.FIRST_NAME)),
                MatchKeys.plain(data.getOrNull(LeadField.LAST_NAME)), MatchKeys.company(data.getOrNull(LeadField.COMPANY)), domain,
                MatchKeys.phone(data.getOrNull(LeadField.PHONE)), MatchKeys.plain(data.getOrNull(LeadField.STREET)),
                MatchKeys.plain(data.getOrNull(LeadField.POSTAL_CODE)).replace(" ", ""), MatchKeys.plain(data.getOrNull(LeadField.CITY)),
                MatchKeys.plain(data.getOrNull(LeadField.BIRTH_DATE)).replace(" ", ""), identifiers.valuesOf(data));
    }

    /**
     * Keys under which candidates are looked up: two leads are compared only when they share one.
     * Each is selective on its own (an email, a phone, an identifier, a postcode with the surname's
     * sound, the names' sounds together), so a typo in one field still leaves another.
     */
    public Set<String> blockingKeys() {
        Set<String> keys = identityKeys();
        add(keys, "b:", birthDate);
        String last = MatchKeys.phonetic(lastName);
        String first = MatchKeys.phonetic(firstName);
        if (!last.isEmpty()) {
            add(keys, "zl:", postcode.isEmpty() ? "" : postcode + "|" + last);
            // the two names' sounds in sorted order: one key whether a source swapped first and last name or not
            add(keys, "fl:", first.isEmpty() ? "" : first.compareTo(last) <= 0 ? first + "|" + last : last + "|" + first);
            add(keys, "cl:", company.isEmpty() ? "" : company + "|" + last);
        }
        if (!first.isEmpty()) {
            add(keys, "zf:", postcode.isEmpty() ? "" : postcode + "|" + first);
        }
        add(keys, "s:", street.isEmpty() || postcode.isEmpty() ? "" : street + "|" + postcode);
        return keys;
    }

    /**
     * The keys that name one person on their own (mailbox, phone, each identifier with its field):
     * two new leads sharing one must not both pass the check unseen.
     */
    public Set<String> identityKeys() {
        Set<String> keys = new LinkedHashSet<>();
        add(keys, "e:", email);
        add(keys, "p:", phone);
        identifiers.forEach((field, value) -> add(keys, "i:", field + "|" + value));
        return keys;
    }

    private static void add(Set<String> keys, String prefix, String value) {
        if (value != null && !value.isEmpty()) {
            keys.add(prefix + value);
        }
    }
}
