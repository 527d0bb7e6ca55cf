package dev.leadline.core.account;

import java.time.Instant;
import java.util.Optional;

/** Accounts, contacts and opportunities. */
public interface AccountRepository {
    Optional<Account> account(long id);

    /** The oldest account with this domain. */
    Optional<Account> accountByDomain(String domain);

    /** The oldest account with this name, ignoring case. */
    Optional<Account> accountByName(String name);

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
}
