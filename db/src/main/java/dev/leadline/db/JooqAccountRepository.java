package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.ACCOUNT;
import static dev.leadline.db.jooq.Tables.CONTACT;
import static dev.leadline.db.jooq.Tables.OPPORTUNITY;

import dev.leadline.core.account.Account;
import dev.leadline.core.account.AccountKeys;
import dev.leadline.core.account.AccountRepository;
import dev.leadline.core.account.Contact;
import dev.leadline.core.account.Opportunity;
import dev.leadline.db.jooq.tables.records.AccountRecord;
import dev.leadline.db.jooq.tables.records.ContactRecord;
import dev.leadline.db.jooq.tables.records.OpportunityRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Accounts, contacts and opportunities in MariaDB. Every write keeps an account's matching keys
 * ({@code domain_root}, {@code name_key}) and a contact's {@code email_domain} in step with its values.
 */
public final class JooqAccountRepository implements AccountRepository {
    private final DSLContext dsl;

    public JooqAccountRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<Account> account(long id) {
        return dsl.selectFrom(ACCOUNT).where(ACCOUNT.ID.eq(id)).fetchOptional().map(JooqAccountRepository::toAccount);
    }

    @Override
    public Account insertAccount(String name, String domain, Long ownerRepId, Instant at) {
        return insertAccounts(List.of(new Account(0, name, AccountKeys.domain(domain), ownerRepId, null, null, 0)), at).get(0);
    }

    @Override
    public List<Account> insertAccounts(List<Account> accounts, Instant at) {
        if (accounts.isEmpty()) {
            return List.of();
        }
        List<AccountRecord> records = accounts.stream().map(a -> record(a, at)).toList();
        var insert = dsl.insertInto(ACCOUNT).set(records.get(0));
        for (AccountRecord r : records.subList(1, records.size())) {
            insert = insert.newRecord().set(r);
        }
        List<Long> ids = insert.returningResult(ACCOUNT.ID).fetch(ACCOUNT.ID);
        List<Account> stored = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            records.get(i).setId(ids.get(i));
            stored.add(toAccount(records.get(i)));
        }
        return stored;
    }

    @Override
    public void updateAccounts(List<Account> accounts, Instant at) {
        if (accounts.isEmpty()) {
            return;
        }
        dsl.batch(accounts.stream().map(a -> dsl.update(ACCOUNT).set(ACCOUNT.NAME, a.name()).set(ACCOUNT.DOMAIN, a.domain())
                .set(ACCOUNT.OWNER_REP_ID, a.ownerRepId()).set(ACCOUNT.EXTERNAL_ID, a.externalId()).set(ACCOUNT.EMPLOYEE_COUNT, a.employeeCount())
                .set(ACCOUNT.DOMAIN_ROOT, AccountKeys.domainRoot(a.domain())).set(ACCOUNT.NAME_KEY, AccountKeys.nameKey(a.name()))
                .set(ACCOUNT.UPDATED_AT, Times.toDb(at)).set(ACCOUNT.VERSION, ACCOUNT.VERSION.plus(1)).where(ACCOUNT.ID.eq(a.id())))
                .toList()).execute();
    }

    @Override
    public List<Account> findForImport(Collection<String> externalIds, Collection<String> domains, Collection<String> nameKeys) {
        List<Condition> any = new ArrayList<>();
        if (!externalIds.isEmpty()) {
            any.add(ACCOUNT.EXTERNAL_ID.in(externalIds));
        }
        if (!domains.isEmpty()) {
            any.add(ACCOUNT.DOMAIN.in(domains));
        }
        if (!nameKeys.isEmpty()) {
            any.add(ACCOUNT.NAME_KEY.in(nameKeys));
        }
        return any.isEmpty() ? List.of() : dsl.selectFrom(ACCOUNT).where(DSL.or(any)).fetch(JooqAccountRepository::toAccount);
    }

    /** Gives accounts stored before V22 (by conversion) their bare domain and matching keys; says how many. */
    public int fillMissingKeys(Instant at) {
        List<Account> missing = dsl.selectFrom(ACCOUNT).where(ACCOUNT.NAME_KEY.isNull()).and(ACCOUNT.DOMAIN_ROOT.isNull())
                .fetch(JooqAccountRepository::toAccount).stream()
                .map(a -> new Account(a.id(), a.name(), AccountKeys.domain(a.domain()), a.ownerRepId(), a.externalId(), a.employeeCount(), a.version()))
                .filter(a -> AccountKeys.nameKey(a.name()) != null || a.domain() != null).toList();
        dsl.batch(missing.stream().map(a -> dsl.update(ACCOUNT).set(ACCOUNT.DOMAIN, a.domain())
                .set(ACCOUNT.DOMAIN_ROOT, AccountKeys.domainRoot(a.domain())).set(ACCOUNT.NAME_KEY, AccountKeys.nameKey(a.name()))
                .where(ACCOUNT.ID.eq(a.id()))).toList()).execute();
        return missing.size();
    }

    @Override
    public Contact insertContact(Contact c, Instant at) {
        ContactRecord r = contactRecord(c, at);
        r.store();
        return toContact(r);
    }

    @Override
    public void insertContacts(List<Contact> contacts, Instant at) {
        if (!contacts.isEmpty()) {
            dsl.batchInsert(contacts.stream().map(c -> contactRecord(c, at)).toList()).execute();
        }
    }

    @Override
    public void updateContacts(List<Contact> contacts, Instant at) {
        if (contacts.isEmpty()) {
            return;
        }
        dsl.batch(contacts.stream().map(c -> dsl.update(CONTACT).set(CONTACT.FIRST_NAME, c.firstName()).set(CONTACT.LAST_NAME, c.lastName())
                .set(CONTACT.PHONE, c.phone()).set(CONTACT.TITLE, c.title()).set(CONTACT.UPDATED_AT, Times.toDb(at))
                .set(CONTACT.VERSION, CONTACT.VERSION.plus(1)).where(CONTACT.ID.eq(c.id()))).toList()).execute();
    }

    @Override
    public List<Contact> contactsByEmail(Collection<Long> accountIds, Collection<String> emails) {
        if (accountIds.isEmpty() || emails.isEmpty()) {
            return List.of();
        }
        return dsl.selectFrom(CONTACT).where(CONTACT.ACCOUNT_ID.in(accountIds))
                .and(DSL.lower(CONTACT.EMAIL).in(emails.stream().map(e -> e.toLowerCase(Locale.ROOT)).toList()))
                .fetch(JooqAccountRepository::toContact);
    }

    @Override
    public Opportunity insertOpportunity(Opportunity o, Instant at) {
        OpportunityRecord r = dsl.newRecord(OPPORTUNITY);
        r.setAccountId(o.accountId());
        r.setContactId(o.contactId());
        r.setLeadId(o.leadId());
        r.setName(o.name());
        r.setAmount(o.amount());
        r.setCloseDate(o.closeDate());
        r.setStage(o.stage());
        r.setCreatedAt(Times.toDb(at));
        r.setUpdatedAt(Times.toDb(at));
        r.setVersion(0);
        r.store();
        return toOpportunity(r);
    }

    @Override
    public Optional<Contact> contact(long id) {
        return dsl.selectFrom(CONTACT).where(CONTACT.ID.eq(id)).fetchOptional().map(JooqAccountRepository::toContact);
    }

    @Override
    public Optional<Opportunity> opportunity(long id) {
        return dsl.selectFrom(OPPORTUNITY).where(OPPORTUNITY.ID.eq(id)).fetchOptional().map(JooqAccountRepository::toOpportunity);
    }

    @Override
    public boolean deleteContactIfUnchanged(long id, int version) {
        boolean referenced = dsl.fetchExists(OPPORTUNITY, OPPORTUNITY.CONTACT_ID.eq(id));
        return !referenced && dsl.deleteFrom(CONTACT).where(CONTACT.ID.eq(id).and(CONTACT.VERSION.eq(version))).execute() == 1;
    }

    @Override
    public boolean deleteOpportunityIfUnchanged(long id, int version) {
        return dsl.deleteFrom(OPPORTUNITY).where(OPPORTUNITY.ID.eq(id).and(OPPORTUNITY.VERSION.eq(version))).execute() == 1;
    }

    @Override
    public boolean deleteAccountIfUnchangedAndUnused(long id, int version) {
        return dsl.deleteFrom(ACCOUNT).where(ACCOUNT.ID.eq(id).and(ACCOUNT.VERSION.eq(version))
                .and(DSL.notExists(DSL.selectOne().from(CONTACT).where(CONTACT.ACCOUNT_ID.eq(id))))
                .and(DSL.notExists(DSL.selectOne().from(OPPORTUNITY).where(OPPORTUNITY.ACCOUNT_ID.eq(id))))).execute() == 1;
    }

    private AccountRecord record(Account a, Instant at) {
        AccountRecord r = dsl.newRecord(ACCOUNT);
        r.setName(a.name());
        r.setDomain(a.domain());
        r.setOwnerRepId(a.ownerRepId());
        r.setExternalId(a.externalId());
        r.setEmployeeCount(a.employeeCount());
        r.setDomainRoot(AccountKeys.domainRoot(a.domain()));
        r.setNameKey(AccountKeys.nameKey(a.name()));
        r.setCreatedAt(Times.toDb(at));
        r.setUpdatedAt(Times.toDb(at));
        r.setVersion(0);
        return r;
    }

    private ContactRecord contactRecord(Contact c, Instant at) {
        ContactRecord r = dsl.newRecord(CONTACT);
        r.setAccountId(c.accountId());
        r.setLeadId(c.leadId());
        r.setFirstName(c.firstName());
        r.setLastName(c.lastName());
        r.setEmail(c.email());
        r.setEmailDomain(AccountKeys.emailDomain(c.email()));
        r.setPhone(c.phone());
        r.setTitle(c.title());
        r.setCreatedAt(Times.toDb(at));
        r.setUpdatedAt(Times.toDb(at));
        r.setVersion(0);
        return r;
    }

    static Account toAccount(AccountRecord r) {
        return new Account(r.getId(), r.getName(), r.getDomain(), r.getOwnerRepId(), r.getExternalId(), r.getEmployeeCount(), r.getVersion());
    }

    private static Contact toContact(ContactRecord r) {
        return new Contact(r.getId(), r.getAccountId(), r.getLeadId(), r.getFirstName(), r.getLastName(), r.getEmail(), r.getPhone(),
                r.getTitle(), r.getVersion());
    }

    private static Opportunity toOpportunity(OpportunityRecord r) {
        return new Opportunity(r.getId(), r.getAccountId(), r.getContactId(), r.getLeadId(), r.getName(), r.getAmount(), r.getCloseDate(),
                r.getStage(), r.getVersion());
    }
}
