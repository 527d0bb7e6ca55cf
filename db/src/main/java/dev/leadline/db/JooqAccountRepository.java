package dev.leadline.db;

import static dev.leadline.db.jooq.Tables.ACCOUNT;
import static dev.leadline.db.jooq.Tables.CONTACT;
import static dev.leadline.db.jooq.Tables.OPPORTUNITY;

import dev.leadline.core.account.Account;
import dev.leadline.core.account.AccountRepository;
import dev.leadline.core.account.Contact;
import dev.leadline.core.account.Opportunity;
import dev.leadline.db.jooq.tables.records.AccountRecord;
import dev.leadline.db.jooq.tables.records.ContactRecord;
import dev.leadline.db.jooq.tables.records.OpportunityRecord;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Accounts, contacts and opportunities in MariaDB. */
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
    public Optional<Account> accountByDomain(String domain) {
        return dsl.selectFrom(ACCOUNT).where(ACCOUNT.DOMAIN.eq(domain)).orderBy(ACCOUNT.ID).limit(1).fetchOptional()
                .map(JooqAccountRepository::toAccount);
    }

    @Override
    public Optional<Account> accountByName(String name) {
        return dsl.selectFrom(ACCOUNT).where(ACCOUNT.NAME.eq(name.strip())).orderBy(ACCOUNT.ID).limit(1).fetchOptional()
                .map(JooqAccountRepository::toAccount);
    }

    @Override
    public Account insertAccount(String name, String domain, Long ownerRepId, Instant at) {
        AccountRecord r = dsl.newRecord(ACCOUNT);
        r.setName(name);
        r.setDomain(domain);
        r.setOwnerRepId(ownerRepId);
        r.setCreatedAt(Times.toDb(at));
        r.setUpdatedAt(Times.toDb(at));
        r.setVersion(0);
        r.store();
        return toAccount(r);
    }

    @Override
    public Contact insertContact(Contact c, Instant at) {
        ContactRecord r = dsl.newRecord(CONTACT);
        r.setAccountId(c.accountId());
        r.setLeadId(c.leadId());
        r.setFirstName(c.firstName());
        r.setLastName(c.lastName());
        r.setEmail(c.email());
        r.setPhone(c.phone());
        r.setTitle(c.title());
        r.setCreatedAt(Times.toDb(at));
        r.setUpdatedAt(Times.toDb(at));
        r.setVersion(0);
        r.store();
        return toContact(r);
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

    private static Account toAccount(AccountRecord r) {
        return new Account(r.getId(), r.getName(), r.getDomain(), r.getOwnerRepId(), r.getVersion());
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
