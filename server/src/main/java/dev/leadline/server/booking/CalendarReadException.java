package dev.leadline.server.booking;

import dev.leadline.core.common.LeadlineException;

/** A calendar could not be read; the message names the host and what went wrong, never a password or secret path. */
final class CalendarReadException extends LeadlineException {
    CalendarReadException(String message) {
        super(message);
    }
}
