package dev.leadline.core.conversion;

import dev.leadline.core.lead.LeadId;
import java.time.Instant;
import java.util.Optional;

/** Conversions of leads. */
public interface ConversionRepository {
    Conversion insert(Conversion conversion);

    /** The lead's latest conversion that has not been undone. */
    Optional<Conversion> current(LeadId leadId);

    void markUndone(long conversionId, Instant at);
}
