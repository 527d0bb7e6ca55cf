package dev.leadline.core.common;

/** Someone changed the row since it was read (optimistic version mismatch). */
public class ConcurrentUpdateException extends LeadlineException {
    public ConcurrentUpdateException(String what, Object id, int expectedVersion) {
        super(what + " " + id + " was changed by someone else (expected version " + expectedVersion + ")");
    }
}
