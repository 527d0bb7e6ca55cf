package dev.leadline.db;

import dev.leadline.core.common.LeadlineException;

/** The database could not be reached or refused to let us in; {@link #reason()} says why in a few plain words. */
public class DatabaseUnreachableException extends LeadlineException {
    private final String url;
    private final String reason;

    public DatabaseUnreachableException(String url, String reason, Throwable cause) {
        super("cannot reach the database at " + url + ": " + reason, cause);
        this.url = url;
        this.reason = reason;
    }

    /** The JDBC URL, without any password written into it. */
    public String url() {
        return url;
    }

    public String reason() {
        return reason;
    }
}
