package dev.leadline.core.account;

import java.time.Instant;
import java.util.Map;

/**
 * An account that may be a lead's, with what matching and its tiebreakers look at: one contact's
 * email for each email domain its contacts have that leads were asked about, its open opportunities
 * (stage not Closed Won or Closed Lost), and when it, a contact or an opportunity last changed.
 */
public record AccountCandidate(Account account, Map<String, String> contactEmailByDomain, int openOpportunities, Instant lastActivityAt) {
    public AccountCandidate {
        contactEmailByDomain = Map.copyOf(contactEmailByDomain);
    }
}
