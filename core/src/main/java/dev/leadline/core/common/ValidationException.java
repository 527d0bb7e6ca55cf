package dev.leadline.core.common;

import java.util.List;

/** Input that breaks a rule; carries one error per offending field. */
public class ValidationException extends LeadlineException {
    private final List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(FieldError.describe(errors));
        this.errors = List.copyOf(errors);
    }

    public ValidationException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
