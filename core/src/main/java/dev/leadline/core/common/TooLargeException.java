package dev.leadline.core.common;

/** Input over a size limit (an upload, an archive's contents); the message names the limit and its setting. */
public class TooLargeException extends LeadlineException {
    public TooLargeException(String message) {
        super(message);
    }
}
