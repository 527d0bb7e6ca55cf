package dev.leadline.core.routing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every version of every rule set; the newest version of a purpose is the one in force (none, if it deleted the set). */
public interface RuleSetRepository {
    /** Stores the next version of the purpose's rules ({@code document} null: the set is deleted); returns its number. */
    int save(String purpose, Map<String, Object> document, Instant at, String by);

    /** The newest version of each purpose that has one. */
    List<Stored> newest();

    Optional<Stored> version(String purpose, int version);

    /** Every version of the purpose's rules, newest first. */
    List<Stored> versions(String purpose);

    /** A rule set as stored; {@code document} is null for a deletion. */
    record Stored(String purpose, int version, Map<String, Object> document, Instant at, String by) {}
}
