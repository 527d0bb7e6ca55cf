package dev.leadline.core.account;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Accounts, contacts and opportunities. Domains are stored bare and keys for matching are kept with each account. */
public interface AccountRepository {
    Optional<Account> account(long id);

    Account insertAccount(String name, String domain, Long ownerRepId, Instant at);

    Contact insertContact(Contact contact, Instant at);

    Opportunity insertOpportunity(Opportunity opportunity, Instant at);

    Optional<Contact> contact(long id);

    Optional<Opportunity> opportunity(long id);

    /** Deletes the contact if it is still at this version; false if it changed (it is kept). */
    boolean deleteContactIfUnchanged(long id, int version);

    boolean deleteOpportunityIfUnchanged(long id, int version);

    /** Deletes the account if it is still at this version and nothing else refers to it. */
    boolean deleteAccountIfUnchangedAndUnused(long id, int version);

    /** Accounts with one of these external ids, domains or name keys (one query). */
    List<Account> findForImport(Collection<String> externalIds, Collection<String> domains, Collection<String> nameKeys);

    /** Inserts the accounts (their ids are ignored) in one statement; answers them with their ids, in order. */
    List<Account> insertAccounts(List<Account> accounts, Instant at);

    /** Writes the accounts' values, each one's version going up. */
    void updateAccounts(List<Account> accounts, Instant at);

    /** The contacts of these accounts with one of these emails (ignoring case). */
    List<Contact> contactsByEmail(Collection<Long> accountIds, Collection<String> emails);

    void insertContacts(List<Contact> contacts, Instant at);

    void updateContacts(List<Contact> contacts, Instant at);
}
