package dev.leadline.core.dedupe;

import dev.leadline.core.account.Contact;
import java.util.List;

/** Contacts that might be the person a lead describes, for duplicate checks against contacts. */
public interface ContactIndex {
    /** A contact with its account's name, domain and owner. */
    record Candidate(Contact contact, String accountName, String accountDomain, Long ownerRepId) {}

    /** Contacts with the same email, or the same surname at an account with the lead's domain or company. */
    List<Candidate> candidates(String email, String lastName, String domain, String company);

    ContactIndex NONE = (email, lastName, domain, company) -> List.of();
}
