package dev.leadline.core.lead;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The standard fields a lead can carry, by the name used in JSON, form mappings and import mappings.
 * Anything else a source sends is kept as a custom field.
 */
public enum LeadField {
    FIRST_NAME("firstName", 100),
    LAST_NAME("lastName", 100),
    EMAIL("email", 320),
    PHONE("phone", 64),
    COMPANY("company", 255),
    TITLE("title", 255),
    WEBSITE("website", 512),
    DOMAIN("domain", 255),
    /** The street address: number and street, and any further address lines. */
    STREET("street", 255),
    COUNTRY("country", 100),
    STATE("state", 100),
    CITY("city", 100),
    POSTAL_CODE("postalCode", 20),
    /** An ISO date, {@code yyyy-MM-dd}. */
    BIRTH_DATE("birthDate", 10),
    INDUSTRY("industry", 150),
    EMPLOYEE_COUNT("employeeCount", 12),
    SOURCE("source", 100),
    CAMPAIGN("campaign", 150),
    EXTERNAL_ID("externalId", 128);

    private static final Map<String, LeadField> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(LeadField::jsonName, Function.identity()));

    private final String jsonName;
    private final int maxLength;

    LeadField(String jsonName, int maxLength) {
        this.jsonName = jsonName;
        this.maxLength = maxLength;
    }

    public String jsonName() {
        return jsonName;
    }

    public int maxLength() {
        return maxLength;
    }

    public static Optional<LeadField> byName(String jsonName) {
        return Optional.ofNullable(BY_NAME.get(jsonName));
    }
}
