package dev.leadline.core.common;

/** Content of a kind that is not accepted (an upload sniffed as an executable); the message names the type and what is allowed. */
public class UnsupportedTypeException extends LeadlineException {
    public UnsupportedTypeException(String message) {
        super(message);
    }
}
