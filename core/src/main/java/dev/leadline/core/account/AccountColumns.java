package dev.leadline.core.account;

import dev.leadline.core.common.ValidationException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The columns of an account file, found by name ignoring case, spaces and punctuation, with a few aliases. */
final class AccountColumns {
    enum Column {
        NAME(Set.of("name", "accountname", "account", "company", "companyname")),
        DOMAIN(Set.of("domain", "website", "web", "url", "companydomain", "companydomainname")),
        OWNER(Set.of("owner", "owneremail", "accountowner", "accountowneremail")),
        EXTERNAL_ID(Set.of("externalid", "accountid", "recordid", "crmid")),
        EMPLOYEES(Set.of("employees", "employeecount", "noofemployees", "numberofemployees")),
        CONTACT_EMAIL(Set.of("contactemail", "email")),
        CONTACT_FIRST_NAME(Set.of("contactfirstname", "firstname")),
        CONTACT_LAST_NAME(Set.of("contactlastname", "lastname")),
        CONTACT_TITLE(Set.of("contacttitle", "title")),
        CONTACT_PHONE(Set.of("contactphone"));

        private final Set<String> names;

        Column(Set<String> names) {
            this.names = names;
        }
    }

    private final Map<Column, Integer> index;
    private final int width;

    private AccountColumns(Map<Column, Integer> index, int width) {
        this.index = index;
        this.width = width;
    }

    /** @throws ValidationException when the header names no account name column, or two columns for one field */
    static AccountColumns of(List<String> header) {
        Map<Column, Integer> index = new EnumMap<>(Column.class);
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i) == null ? "" : header.get(i).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
            for (Column column : Column.values()) {
                Integer earlier = column.names.contains(name) ? index.putIfAbsent(column, i) : null;
                if (earlier != null) {
                    throw new ValidationException("file", "columns '" + header.get(earlier) + "' and '" + header.get(i)
                            + "' both give the " + column.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                            + "; remove or rename one of them so that no value is ignored");
                }
            }
        }
        if (!index.containsKey(Column.NAME)) {
            throw new ValidationException("file", "the first line must be a header with a 'name' column (or 'account name'); found "
                    + header);
        }
        return new AccountColumns(index, header.size());
    }

    int width() {
        return width;
    }

    /** The row's value in this column, stripped; empty when blank or when the file has no such column. */
    Optional<String> get(List<String> row, Column column) {
        Integer i = index.get(column);
        return i == null || i >= row.size() ? Optional.empty() : Optional.ofNullable(row.get(i)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
