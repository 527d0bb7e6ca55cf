package dev.leadline.server.console;

import dev.leadline.core.common.LeadlineException;

/** A console request refused at the door (no session, no CSRF token): answered as a plain message with its status. */
public final class ConsoleRefusal extends LeadlineException {
    private final int status;

    public ConsoleRefusal(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
