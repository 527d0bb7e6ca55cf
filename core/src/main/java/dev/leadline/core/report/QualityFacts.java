package dev.leadline.core.report;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the data-quality report counts, in {@code [from, to)} and of leads (or records) with the source
 * asked for: the duplicate rules' verdicts, the enriched fields of the leads created, and provider failures.
 */
public interface QualityFacts {
    /** Duplicate verdicts: {@code key} the checkpoint, {@code detail} the action ({@code FLAG}, {@code ALERT}, {@code BLOCK}, {@code MERGE}). */
    List<Count> duplicateVerdicts(Instant from, Instant to, Optional<String> source);

    /** Leads created in the period and not merged away. */
    long leadsCreated(Instant from, Instant to, Optional<String> source);

    /** Of those leads, how many have each enriched field: {@code key} the field, {@code detail} the provider it came from. */
    List<Count> enrichedFields(Instant from, Instant to, Optional<String> source);

    /** Provider failures in the period: {@code key} the provider, {@code detail} the message; {@code leads} distinct leads. */
    List<Count> providerFailures(Instant from, Instant to, Optional<String> source);

    /** A count of something by two names; {@code leads} is how many distinct leads it touched. */
    record Count(String key, String detail, long count, long leads) {}
}
