package dev.leadline.core.account;

import java.util.Collection;
import java.util.List;

/** Where matching finds the accounts leads may belong to. Calls join the caller's transaction. */
public interface AccountCandidates {
    /**
     * Accounts whose domain root is one of {@code domainRoots} (which covers equal domains), whose
     * name key is one of {@code nameKeys}, or with a contact whose email is at one of
     * {@code contactDomains}; each with its contacts at those domains, open opportunities and last activity.
     * A few queries for any number of keys.
     */
    List<AccountCandidate> find(Collection<String> domainRoots, Collection<String> nameKeys, Collection<String> contactDomains);
}
