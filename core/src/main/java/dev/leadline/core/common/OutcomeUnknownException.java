package dev.leadline.core.common;

/**
 * The connection to the database broke while a transaction was committing: it may or may not have
 * been stored. A client that retries with the same idempotency key gets the one outcome either way.
 */
public class OutcomeUnknownException extends LeadlineException {
    public OutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
