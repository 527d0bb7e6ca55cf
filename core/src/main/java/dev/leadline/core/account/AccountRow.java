package dev.leadline.core.account;

import dev.leadline.core.account.AccountColumns.Column;
import dev.leadline.core.intake.ImportRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** One row of an account file, read and checked: an account and perhaps one of its contacts. */
record AccountRow(long line, String name, String domain, Long ownerRepId, String externalId, Integer employees, Contact contact) {

    /** The identity the import finds the account by: its external id, else its domain, else its name. */
    String key() {
        if (externalId != null) {
            return "x:" + externalId;
        }
        return domain != null ? "d:" + domain : "n:" + Optional.ofNullable(AccountKeys.nameKey(name)).orElse(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** A row's values, or why they cannot be imported. */
    sealed interface Read permits Ok, Rejected {}

    record Ok(AccountRow row) implements Read {}

    record Rejected(long line, String reason) implements Read {}

    static Read read(ImportRow raw, AccountColumns columns, Function<String, Optional<Long>> repIdByEmail) {
        if (raw.problem().isPresent()) {
            return new Rejected(raw.line(), raw.problem().get());
        }
        if (raw.values().size() != columns.width()) {
            return new Rejected(raw.line(), "has " + raw.values().size() + " fields but the header has " + columns.width());
        }
        List<String> problems = new ArrayList<>();
        Function<Column, String> value = c -> columns.get(raw.values(), c).orElse(null);
        String name = value.apply(Column.NAME);
        if (name == null || name.length() > 255) {
            problems.add(name == null ? "name is required" : "name is longer than 255 characters");
        }
        String rawDomain = value.apply(Column.DOMAIN);
        String domain = AccountKeys.domain(rawDomain);
        if (rawDomain != null && (domain == null || domain.length() > 255)) {
            problems.add("domain '" + rawDomain + "' is not a domain or website");
        }
        String owner = value.apply(Column.OWNER);
        Long ownerId = owner == null ? null : repIdByEmail.apply(owner).orElse(null);
        if (owner != null && ownerId == null) {
            problems.add("owner '" + owner + "' is not a rep");
        }
        String externalId = value.apply(Column.EXTERNAL_ID);
        if (externalId != null && externalId.length() > 128) {
            problems.add("externalId is longer than 128 characters");
        }
        Integer employees = employees(value.apply(Column.EMPLOYEES), problems);
        Contact contact = contact(value, problems);
        if (!problems.isEmpty()) {
            return new Rejected(raw.line(), String.join("; ", problems));
        }
        return new Ok(new AccountRow(raw.line(), name, domain, ownerId, externalId, employees, contact));
    }

    private static Integer employees(String text, List<String> problems) {
        if (text == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(text.replace(",", "").replace("_", ""));
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("employees '" + text + "' is not a whole number");
        return null;
    }

    private static Contact contact(Function<Column, String> value, List<String> problems) {
        String email = value.apply(Column.CONTACT_EMAIL);
        if (email == null) {
            return null;
        }
        if (AccountKeys.emailDomain(email) == null || email.length() > 320) {
            problems.add("contactEmail '" + email + "' is not an email address");
            return null;
        }
        return new Contact(0, 0, null, limit(value.apply(Column.CONTACT_FIRST_NAME), 100), limit(value.apply(Column.CONTACT_LAST_NAME), 100),
                email, limit(value.apply(Column.CONTACT_PHONE), 64), limit(value.apply(Column.CONTACT_TITLE), 255), 0);
    }

    private static String limit(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
