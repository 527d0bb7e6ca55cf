package dev.leadline.core.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One batch of account rows: finds what is stored already (one query each), then inserts and updates in a few statements. */
final class AccountUpsert {
    record Counts(int accountsCreated, int accountsUpdated, int contactsCreated, int contactsUpdated) {}

    private final AccountRepository accounts;
    private final Instant now;

    AccountUpsert(AccountRepository accounts, Instant now) {
        this.accounts = accounts;
        this.now = now;
    }

    /** Must run inside a transaction. */
    Counts store(List<AccountRow> rows) {
        Map<String, AccountRow> wanted = new LinkedHashMap<>();
        rows.forEach(r -> wanted.merge(r.key(), r, AccountUpsert::overlay));
        Stored stored = Stored.find(accounts, wanted.values());
        Map<String, Account> byKey = new HashMap<>();
        List<Account> changed = new ArrayList<>();
        List<String> newKeys = new ArrayList<>();
        List<Account> inserts = new ArrayList<>();
        Map<Long, Account> claimed = new HashMap<>();
        wanted.forEach((key, row) -> {
            Optional<Account> existing = stored.match(row).map(a -> claimed.getOrDefault(a.id(), a));
            if (existing.isEmpty()) {
                newKeys.add(key);
                inserts.add(new Account(0, row.name(), row.domain(), row.ownerRepId(), row.externalId(), row.employees(), 0));
                return;
            }
            Account after = applied(existing.get(), row);
            if (!after.equals(existing.get())) {
                claimed.put(after.id(), after);
            }
            byKey.put(key, after);
        });
        changed.addAll(claimed.values());
        accounts.updateAccounts(changed, now);
        List<Account> created = accounts.insertAccounts(inserts, now);
        for (int i = 0; i < created.size(); i++) {
            byKey.put(newKeys.get(i), created.get(i));
        }
        int[] contacts = contacts(rows, byKey);
        return new Counts(created.size(), changed.size(), contacts[0], contacts[1]);
    }

    /** Inserts new contacts and updates changed ones; answers {created, updated}. */
    private int[] contacts(List<AccountRow> rows, Map<String, Account> byKey) {
        Map<String, Contact> wanted = new LinkedHashMap<>();
        for (AccountRow row : rows) {
            if (row.contact() != null) {
                long accountId = byKey.get(row.key()).id();
                Contact c = row.contact();
                wanted.merge(accountId + " " + c.email().toLowerCase(Locale.ROOT), new Contact(0, accountId, null, c.firstName(), c.lastName(),
                        c.email(), c.phone(), c.title(), 0), AccountUpsert::overlay);
            }
        }
        if (wanted.isEmpty()) {
            return new int[] {0, 0};
        }
        Map<String, Contact> existing = new HashMap<>();
        accounts.contactsByEmail(wanted.values().stream().map(Contact::accountId).distinct().toList(),
                wanted.values().stream().map(Contact::email).distinct().toList()).stream()
                .sorted(Comparator.comparingLong(Contact::id).reversed())
                .forEach(c -> existing.put(c.accountId() + " " + c.email().toLowerCase(Locale.ROOT), c));
        List<Contact> inserts = new ArrayList<>();
        List<Contact> updates = new ArrayList<>();
        wanted.forEach((key, c) -> {
            Contact old = existing.get(key);
            if (old == null) {
                inserts.add(c);
            } else {
                Contact after = new Contact(old.id(), old.accountId(), old.leadId(), or(c.firstName(), old.firstName()),
                        or(c.lastName(), old.lastName()), old.email(), or(c.phone(), old.phone()), or(c.title(), old.title()), old.version());
                if (!after.equals(old)) {
                    updates.add(after);
                }
            }
        });
        accounts.insertContacts(inserts, now);
        accounts.updateContacts(updates, now);
        return new int[] {inserts.size(), updates.size()};
    }

    private static Account applied(Account a, AccountRow row) {
        return new Account(a.id(), row.name(), or(row.domain(), a.domain()), or(row.ownerRepId(), a.ownerRepId()),
                or(row.externalId(), a.externalId()), or(row.employees(), a.employeeCount()), a.version());
    }

    /** A later row about the same account: its values win where it has them. */
    private static AccountRow overlay(AccountRow first, AccountRow later) {
        return new AccountRow(first.line(), later.name(), or(later.domain(), first.domain()), or(later.ownerRepId(), first.ownerRepId()),
                or(later.externalId(), first.externalId()), or(later.employees(), first.employees()), first.contact());
    }

    private static Contact overlay(Contact first, Contact later) {
        return new Contact(0, first.accountId(), null, or(later.firstName(), first.firstName()), or(later.lastName(), first.lastName()),
                first.email(), or(later.phone(), first.phone()), or(later.title(), first.title()), 0);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** The stored accounts a batch's rows may name, by external id, domain and name key (the oldest of each). */
    private record Stored(Map<String, Account> byExternalId, Map<String, Account> byDomain, Map<String, Account> byNameKey) {
        static Stored find(AccountRepository accounts, java.util.Collection<AccountRow> rows) {
            List<String> ids = rows.stream().map(AccountRow::externalId).filter(Objects::nonNull).distinct().toList();
            List<String> domains = rows.stream().map(AccountRow::domain).filter(Objects::nonNull).distinct().toList();
            List<String> names = rows.stream().map(r -> AccountKeys.nameKey(r.name())).filter(Objects::nonNull).distinct().toList();
            Stored stored = new Stored(new HashMap<>(), new HashMap<>(), new HashMap<>());
            accounts.findForImport(ids, domains, names).stream().sorted(Comparator.comparingLong(Account::id).reversed()).forEach(a -> {
                Optional.ofNullable(a.externalId()).ifPresent(x -> stored.byExternalId.put(x, a));
                Optional.ofNullable(a.domain()).ifPresent(d -> stored.byDomain.put(d, a));
                Optional.ofNullable(AccountKeys.nameKey(a.name())).ifPresent(n -> stored.byNameKey.put(n, a));
            });
            return stored;
        }

        /**
         * By external id; else by domain, else by name (when one of the two has no domain); never one
         * that has another external id.
         */
        Optional<Account> match(AccountRow row) {
            if (row.externalId() != null && byExternalId.containsKey(row.externalId())) {
                return Optional.of(byExternalId.get(row.externalId()));
            }
            return Optional.ofNullable(row.domain() == null ? null : byDomain.get(row.domain()))
                    .or(() -> Optional.ofNullable(byNameKey.get(AccountKeys.nameKey(row.name())))
                            .filter(a -> row.domain() == null || a.domain() == null))
                    .filter(a -> row.externalId() == null || a.externalId() == null);
        }
    }
}
