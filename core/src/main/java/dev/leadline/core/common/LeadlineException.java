package dev.leadline.core.common;

/**
 * The one unchecked root of Leadline's exceptions. Expected outcomes (a lead already claimed, a key
 * reused with another body) are values; exceptions are for not-found, broken invariants and
 * infrastructure failures.
 */
public class LeadlineException extends RuntimeException {
    public LeadlineException(String message) {
        super(message);
    }

    public LeadlineException(String message, Throwable cause) {
        super(message, cause);
    }
}
