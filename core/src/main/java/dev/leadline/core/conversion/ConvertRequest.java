package dev.leadline.core.conversion;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * How to convert: into an existing account (by id), or a new one (by name, default: matched by
 * the lead's domain or company, else created); optionally with an opportunity.
 */
public record ConvertRequest(Optional<Long> accountId, Optional<String> newAccountName, Optional<OpportunitySpec> opportunity) {

    /** The opportunity to open with the conversion. */
    public record OpportunitySpec(String name, BigDecimal amount, LocalDate closeDate, String stage) {}
}
