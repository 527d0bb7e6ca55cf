package dev.leadline.core.intake;

import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.LeadDraft;
import dev.leadline.core.lead.LeadField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which column of an import (or field of a web form) feeds which lead field. Column names that
 * Salesforce and HubSpot exports use are recognised on their own; an explicit mapping names the
 * rest. Columns that map to nothing standard are kept as custom fields under their own name.
 */
public final class ColumnMapping {
    /** The explicit target that drops a column. */
    public static final String IGNORE = "ignore";
    /** The explicit target that splits a full name into first and last name. */
    public static final String FULL_NAME = "fullName";
    /** Prefix of an explicit target that keeps a column as a custom field with another name. */
    public static final String CUSTOM_PREFIX = "custom:";

    private static final Map<String, String> ALIASES = aliases();

    private final List<String> header;
    private final List<String> targets;

    private ColumnMapping(List<String> header, List<String> targets) {
        this.header = List.copyOf(header);
        this.targets = List.copyOf(targets);
    }

    /**
     * Maps each header column, explicit choices first, then recognised names, else custom field. A
     * recognised name whose field an earlier column (or the explicit mapping) feeds already is kept as a
     * custom field under its own name, and a custom field whose name is taken so gets " (2)", so no value
     * is lost and only an explicit mapping can be refused for feeding one field twice.
     *
     * @throws ValidationException if the explicit mapping names a missing column or unknown field, or two
     *                             columns would feed one field (a lead field, the name, or a custom field)
     */
    public static ColumnMapping resolve(List<String> header, Map<String, String> explicit) {
        List<String> problems = new ArrayList<>();
        explicit.forEach((column, target) -> {
            if (!header.contains(column)) {
                problems.add("mapping names column '" + column + "', which is not in the header");
            }
            if (!validTarget(target)) {
                problems.add("mapping target '" + target + "' for column '" + column + "' is not one of: " + knownTargets());
            }
        });
        if (!problems.isEmpty()) {
            throw new ValidationException("mapping", String.join("; ", problems));
        }
        Set<String> fed = new HashSet<>();
        explicit.values().forEach(t -> fed.addAll(fieldsFed(t)));
        List<String> targets = new ArrayList<>(header.size());
        for (String column : header) {
            String target = explicit.get(column);
            if (target == null) {
                String alias = ALIASES.get(normalise(column));
                boolean free = alias != null && fieldsFed(alias).stream().noneMatch(fed::contains);
                target = free ? alias : unusedCustom(column.strip(), fed);
                fed.addAll(fieldsFed(target));
            }
            targets.add(target);
        }
        requireOneColumnPerField(header, targets);
        return new ColumnMapping(header, targets);
    }

    /** A custom field named after the column, or "Notes (2)" when a column mapped before it feeds "Notes" already. */
    private static String unusedCustom(String column, Set<String> fed) {
        String target = CUSTOM_PREFIX + column;
        for (int n = 2; fieldsFed(target).stream().anyMatch(fed::contains); n++) {
            target = CUSTOM_PREFIX + column + " (" + n + ")";
        }
        return target;
    }

    /** Two columns feeding one field would keep only the last one's value, so such a mapping is refused naming both. */
    private static void requireOneColumnPerField(List<String> header, List<String> targets) {
        List<Conflict> conflicts = conflicts(header, targets);
        if (!conflicts.isEmpty()) {
            throw new ValidationException("mapping", conflicts.stream().map(Conflict::sentence).collect(Collectors.joining("; ")));
        }
    }

    /** Two columns that would feed one field: the field as people read it, and the two columns in header order. */
    public record Conflict(String field, String first, String second) {
        public String sentence() {
            return "two columns feed " + field + ": '" + first + "' and '" + second + "'; choose another field for one of them, or ignore it";
        }

        public boolean names(String column) {
            return first.equals(column) || second.equals(column);
        }
    }

    /** The pairs of columns that would feed one field (a lead field, a name part or a custom field) under these targets. */
    public static List<Conflict> conflicts(List<String> header, List<String> targets) {
        Map<String, Integer> fedBy = new HashMap<>();
        List<Conflict> conflicts = new ArrayList<>();
        for (int i = 0; i < targets.size() && i < header.size(); i++) {
            for (String field : fieldsFed(targets.get(i))) {
                Integer earlier = fedBy.putIfAbsent(field, i);
                if (earlier != null) {
                    String what = field.startsWith(CUSTOM_PREFIX) ? label(targets.get(i)) : label(field);
                    conflicts.add(new Conflict(what, header.get(earlier), header.get(i)));
                }
            }
        }
        return conflicts;
    }

    /** The fields a target writes: a full name both names; custom fields by their name, ignoring case. */
    private static List<String> fieldsFed(String target) {
        if (target.equals(IGNORE)) {
            return List.of();
        }
        if (target.equals(FULL_NAME)) {
            return List.of(LeadField.FIRST_NAME.jsonName(), LeadField.LAST_NAME.jsonName());
        }
        if (target.startsWith(CUSTOM_PREFIX)) {
            String name = target.substring(CUSTOM_PREFIX.length()).strip();
            return name.isEmpty() ? List.of() : List.of(CUSTOM_PREFIX + name.toLowerCase(Locale.ROOT));
        }
        return List.of(target);
    }

    /** A target as people read it: {@code postalCode} as "Postal code", a custom field by its name. */
    public static String label(String target) {
        if (target.equals(FULL_NAME)) {
            return "Full name (split into first and last)";
        }
        if (target.startsWith(CUSTOM_PREFIX)) {
            return "the custom field '" + target.substring(CUSTOM_PREFIX.length()) + "'";
        }
        String words = target.replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** The targets a column may be mapped to besides {@value #IGNORE} and a custom field: each lead field, then {@value #FULL_NAME}. */
    public static List<String> standardTargets() {
        List<String> targets = new ArrayList<>();
        Arrays.stream(LeadField.values()).map(LeadField::jsonName).forEach(targets::add);
        targets.add(FULL_NAME);
        return List.copyOf(targets);
    }

    public List<String> header() {
        return header;
    }

    /** The target of each column: a lead field name, {@value #FULL_NAME}, {@value #IGNORE} or {@code custom:<name>}. */
    public Map<String, String> describe() {
        Map<String, String> described = new java.util.LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            described.put(header.get(i), targets.get(i));
        }
        return described;
    }

    public boolean mapsAnyStandardField() {
        return targets.stream().anyMatch(t -> LeadField.byName(t).isPresent() || t.equals(FULL_NAME));
    }

    /** Feeds one row's values into a draft. {@code values} has one value per header column. */
    public LeadDraft apply(List<String> values, Set<String> nullValues) {
        return applyTo(new LeadDraft(), values, nullValues);
    }

    /** Lays one row's values over a draft that may already hold defaults. */
    public LeadDraft applyTo(LeadDraft draft, List<String> values, Set<String> nullValues) {
        for (int i = 0; i < targets.size() && i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || nullValues.contains(value.strip())) {
                continue;
            }
            apply(draft, targets.get(i), value);
        }
        return draft;
    }

    private static void apply(LeadDraft draft, String target, String value) {
        if (target.equals(IGNORE)) {
            return;
        }
        if (target.equals(FULL_NAME)) {
            String name = value.strip();
            int space = name.lastIndexOf(' ');
            if (space < 0) {
                draft.set(LeadField.LAST_NAME, name);
            } else {
                draft.set(LeadField.FIRST_NAME, name.substring(0, space));
                draft.set(LeadField.LAST_NAME, name.substring(space + 1));
            }
            return;
        }
        if (target.startsWith(CUSTOM_PREFIX)) {
            draft.custom(target.substring(CUSTOM_PREFIX.length()), value);
            return;
        }
        draft.set(LeadField.byName(target).orElseThrow(), value);
    }

    private static boolean validTarget(String target) {
        return target.equals(IGNORE) || target.equals(FULL_NAME) || LeadField.byName(target).isPresent()
                || (target.startsWith(CUSTOM_PREFIX) && target.length() > CUSTOM_PREFIX.length());
    }

    private static String knownTargets() {
        return Arrays.stream(LeadField.values()).map(LeadField::jsonName).collect(Collectors.joining(", "))
                + ", " + FULL_NAME + ", " + IGNORE + ", custom:<name>";
    }

    static String normalise(String column) {
        return column.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static Map<String, String> aliases() {
        Map<String, String> aliases = new HashMap<>();
        alias(aliases, LeadField.FIRST_NAME, "firstname", "first", "givenname", "fname", "forename");
        alias(aliases, LeadField.LAST_NAME, "lastname", "last", "surname", "familyname", "lname");
        alias(aliases, LeadField.EMAIL, "email", "emailaddress", "email1", "workemail", "businessemail");
        alias(aliases, LeadField.PHONE, "phone", "phonenumber", "mobile", "mobilephone", "mobilephonenumber",
                "businessphone", "workphone", "telephone", "tel");
        alias(aliases, LeadField.COMPANY, "company", "companyname", "account", "accountname", "organization",
                "organisation", "organizationname");
        alias(aliases, LeadField.TITLE, "title", "jobtitle", "position");
        alias(aliases, LeadField.WEBSITE, "website", "websiteurl", "url", "web", "companywebsite");
        alias(aliases, LeadField.DOMAIN, "domain", "companydomain", "companydomainname", "emaildomain");
        alias(aliases, LeadField.STREET, "street", "streetaddress", "address", "address1", "addressline1", "mailingstreet");
        alias(aliases, LeadField.COUNTRY, "country", "countryregion", "countrycode", "mailingcountry", "billingcountry");
        alias(aliases, LeadField.STATE, "state", "stateprovince", "stateregion", "province", "statecode", "mailingstate",
                "mailingstateprovince");
        alias(aliases, LeadField.CITY, "city", "town", "mailingcity");
        alias(aliases, LeadField.POSTAL_CODE, "postalcode", "zip", "zipcode", "postcode", "zippostalcode", "mailingzippostalcode", "plz",
                "mailingzip", "mailingpostalcode");
        alias(aliases, LeadField.BIRTH_DATE, "birthdate", "dateofbirth", "birthday", "dob");
        alias(aliases, LeadField.INDUSTRY, "industry");
        alias(aliases, LeadField.EMPLOYEE_COUNT, "employees", "numberofemployees", "noofemployees", "employeecount",
                "numemployees");
        alias(aliases, LeadField.SOURCE, "leadsource", "source", "originalsource", "utmsource");
        alias(aliases, LeadField.CAMPAIGN, "campaign", "campaignname", "utmcampaign", "primarycampaignsource");
        alias(aliases, LeadField.EXTERNAL_ID, "id", "leadid", "recordid", "prospectid", "externalid", "contactid");
        aliases.put("name", FULL_NAME);
        aliases.put("fullname", FULL_NAME);
        return Map.copyOf(aliases);
    }

    private static void alias(Map<String, String> aliases, LeadField field, String... names) {
        for (String name : names) {
            aliases.put(name, field.jsonName());
        }
    }
}
