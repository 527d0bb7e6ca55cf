package dev.leadline.core.dedupe;

import java.util.List;

/** A stored record that a new lead looks like: a lead or a contact, how sure, and what matched. */
public sealed interface Lookalike permits DuplicateService.Duplicate, ContactMatch {
    double score();

    List<String> matched();

    /** How people name it: {@code L-42}, {@code contact 7 (Acme)}. */
    String reference();

    /** Who should hear about a new look-alike: its owner, when it has one. */
    Long ownerRepId();
}
