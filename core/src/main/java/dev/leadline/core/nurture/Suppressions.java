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
}
