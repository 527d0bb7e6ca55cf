package dev.leadline.core.lead;

import dev.leadline.core.common.FieldError;
import dev.leadline.core.common.Text;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Collects raw values from any intake path (JSON, web form, CSV row), then validates and normalises
 * them into {@link LeadData}. Every problem is reported against the field it concerns.
 */
public final class LeadDraft {
    static final int MAX_CUSTOM_FIELDS = 100;
    static final int MAX_CUSTOM_NAME = 100;
    static final int MAX_CUSTOM_VALUE = 2000;

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$");
    private static final Pattern PHONE_CHARS = Pattern.compile("^[0-9+().\\-/\\s]*(?:\\s*(?:x|ext\\.?)\\s*[0-9]+)?$");
    private static final Pattern ISO_DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");
    private static final Pattern DOMAIN = Pattern.compile("^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");

    private final Map<LeadField, String> raw = new EnumMap<>(LeadField.class);
    private final Map<String, String> custom = new LinkedHashMap<>();
    private final List<FieldError> errors = new ArrayList<>();

    public LeadDraft set(LeadField field, String value) {
        String cleaned = clean(field.jsonName(), value);
        if (cleaned != null) {
            raw.put(field, cleaned);
        }
        return this;
    }

    public LeadDraft custom(String name, String value) {
        Optional<String> badName = Text.problem(name);
        if (badName.isPresent()) {
            return reject("customFields", "a name " + badName.get());
        }
        String cleaned = clean("customFields." + name, value);
        if (cleaned != null) {
            custom.put(Text.nfc(name).strip(), cleaned);
        }
        return this;
    }

    /** Records a problem found by the caller while reading its input (e.g. a JSON type mismatch). */
    public LeadDraft reject(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public boolean isEmpty() {
        return raw.isEmpty() && custom.isEmpty();
    }

    /** Validates and normalises; either the lead data or every error found. */
    public Validated build() {
        List<FieldError> problems = new ArrayList<>(errors);
        EnumMap<LeadField, String> values = new EnumMap<>(LeadField.class);
        raw.forEach((field, value) -> {
            String normalised = normalise(field, value, problems);
            if (normalised != null) {
                values.put(field, normalised);
            }
        });
        if (!values.containsKey(LeadField.DOMAIN) && values.containsKey(LeadField.WEBSITE)) {
            String host = hostOf(values.get(LeadField.WEBSITE));
            if (host != null) {
                values.put(LeadField.DOMAIN, host);
            }
        }
        checkCustomFields(problems);
        if (problems.isEmpty() && !identifiable(values)) {
            problems.add(new FieldError("lead",
                    "needs at least one of email, phone, firstName, lastName, company or externalId"));
        }
        return problems.isEmpty()
                ? new Validated.Valid(new LeadData(values, custom))
                : new Validated.Invalid(problems);
    }

    private static boolean identifiable(Map<LeadField, String> values) {
        return List.of(LeadField.EMAIL, LeadField.PHONE, LeadField.FIRST_NAME, LeadField.LAST_NAME,
                LeadField.COMPANY, LeadField.EXTERNAL_ID).stream().anyMatch(values::containsKey);
    }

    private void checkCustomFields(List<FieldError> problems) {
        if (custom.size() > MAX_CUSTOM_FIELDS) {
            problems.add(new FieldError("customFields", "at most " + MAX_CUSTOM_FIELDS + " custom fields"));
        }
        custom.forEach((name, value) -> {
            if (name.isEmpty() || name.length() > MAX_CUSTOM_NAME) {
                problems.add(new FieldError("customFields", "custom field names must be 1-" + MAX_CUSTOM_NAME + " characters"));
            } else if (value.length() > MAX_CUSTOM_VALUE) {
                problems.add(new FieldError("customFields." + name, "longer than " + MAX_CUSTOM_VALUE + " characters"));
            }
        });
    }

    private static String normalise(LeadField field, String value, List<FieldError> problems) {
        if (value.length() > field.maxLength()) {
            problems.add(new FieldError(field.jsonName(), "longer than " + field.maxLength() + " characters"));
            return null;
        }
        return switch (field) {
            case EMAIL -> check(field, value, EMAIL.matcher(value).matches(), "is not an email address", problems);
            case PHONE -> check(field, value, validPhone(value), "is not a phone number", problems);
            case EMPLOYEE_COUNT -> employeeCount(value, problems);
            case BIRTH_DATE -> birthDate(value, problems);
            case WEBSITE -> check(field, value, hostOf(value) != null, "is not a web address", problems);
            case DOMAIN -> {
                String domain = stripWww(value.toLowerCase(Locale.ROOT));
                yield check(field, domain, DOMAIN.matcher(domain).matches(), "is not a domain name", problems);
            }
            default -> value;
        };
    }

    private static String check(LeadField field, String value, boolean ok, String message, List<FieldError> problems) {
        if (!ok) {
            problems.add(new FieldError(field.jsonName(), "'" + value + "' " + message));
            return null;
        }
        return value;
    }

    private static boolean validPhone(String value) {
        long digits = value.chars().filter(Character::isDigit).count();
        return digits >= 5 && digits <= 20 && PHONE_CHARS.matcher(value.toLowerCase(Locale.ROOT)).matches();
    }

    /** A calendar date written {@code yyyy-MM-dd}, from the year 1000 (what the database stores). */
    private static String birthDate(String value, List<FieldError> problems) {
        LocalDate date = null;
        try {
            date = ISO_DATE.matcher(value).matches() ? LocalDate.parse(value) : null;
        } catch (DateTimeParseException e) {
            // not a day of the calendar: reported below
        }
        if (date == null) {
            return check(LeadField.BIRTH_DATE, value, false, "is not a date in the form yyyy-MM-dd (e.g. 1990-05-17)", problems);
        }
        return check(LeadField.BIRTH_DATE, value, date.getYear() >= 1000, "is before the year 1000", problems);
    }

    private static String employeeCount(String value, List<FieldError> problems) {
        String digits = value.replace(",", "").replace("_", "");
        try {
            int count = Integer.parseInt(digits);
            if (count >= 0) {
                return Integer.toString(count);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new FieldError(LeadField.EMPLOYEE_COUNT.jsonName(), "'" + value + "' is not a whole number of employees"));
        return null;
    }

    static String hostOf(String website) {
        String withScheme = website.contains("://") ? website : "https://" + website;
        try {
            String host = URI.create(withScheme.replace(" ", "%20")).getHost();
            if (host == null || !host.contains(".")) {
                return null;
            }
            String domain = stripWww(host.toLowerCase(Locale.ROOT));
            return DOMAIN.matcher(domain).matches() ? domain : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String stripWww(String host) {
        return host.startsWith("www.") ? host.substring(4) : host;
    }

    /** The value stripped and composed (NFC); null when blank or when it holds a NUL or lone surrogate (then rejected). */
    private String clean(String field, String value) {
        if (value == null) {
            return null;
        }
        Optional<String> problem = Text.problem(value);
        if (problem.isPresent()) {
            reject(field, problem.get());
            return null;
        }
        String stripped = Text.nfc(value).strip();
        return stripped.isEmpty() ? null : stripped;
    }

    /** The result of {@link #build()}. */
    public sealed interface Validated {
        record Valid(LeadData data) implements Validated {}

        record Invalid(List<FieldError> errors) implements Validated {
            public Invalid {
                errors = List.copyOf(errors);
            }
        }
    }
}
