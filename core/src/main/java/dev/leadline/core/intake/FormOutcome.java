package dev.leadline.core.intake;

import dev.leadline.core.common.FieldError;
import dev.leadline.core.lead.Lead;
import java.util.List;

/** What became of a web form submission. */
public sealed interface FormOutcome {
    record Accepted(FormDefinition form, Lead lead) implements FormOutcome {}

    /** The honeypot was filled: the visitor is thanked, nothing is stored. */
    record Spam(FormDefinition form) implements FormOutcome {}

    record Invalid(FormDefinition form, List<FieldError> errors) implements FormOutcome {}
}
