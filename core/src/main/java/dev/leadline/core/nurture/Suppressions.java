package dev.leadline.core.nurture;

import dev.leadline.core.common.Actor;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/** Addresses that are never emailed: unsubscribed, bounced hard, or put there by an admin. Addresses are compared in lower case. */
public interface Suppressions {
    /** Those of these addresses (lower case) that are suppressed. */
    Set<String> suppressed(Collection<String> addresses);

    /** Adds the address; false when it was there already. */
    boolean suppress(String address, String reason, Actor actor, Instant at);

    /** Removes the address; false when it was not there. */
    boolean remove(String address);

    /** At most {@code limit} entries with addresses after {@code after}, by address. */
    java.util.List<Entry> page(String after, int limit);

    /** An address on the list: why, since when, who put it there. */
    record Entry(String address, String reason, Instant createdAt, String createdBy) {}
}
