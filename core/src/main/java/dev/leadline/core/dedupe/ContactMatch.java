package dev.leadline.core.dedupe;

import dev.leadline.core.account.Contact;
import java.util.List;

/** A contact that a lead looks like, at its account (name and owner). */
public record ContactMatch(Contact contact, String accountName, Long ownerRepId, double score, List<String> matched) implements Lookalike {
    public ContactMatch {
        matched = List.copyOf(matched);
    }

    @Override
    public String reference() {
        return "contact " + contact.id() + " (" + accountName + ")";
    }
}
