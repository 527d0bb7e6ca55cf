package dev.leadline.core.intake;

import dev.leadline.core.common.FieldError;
import java.util.List;

/** What became of a web form submission. */
public sealed interface FormOutcome {
    /** The submission is in: {@code record} names the lead it created or joined ({@code L-42}), or the contact it duplicates. */
    record Accepted(FormDefinition form, String record) implements FormOutcome {}

    /** The honeypot was filled: the visitor is thanked, nothing is stored. */
    record Spam(FormDefinition form) implements FormOutcome {}

    record Invalid(FormDefinition form, List<FieldError> errors) implements FormOutcome {}
}
