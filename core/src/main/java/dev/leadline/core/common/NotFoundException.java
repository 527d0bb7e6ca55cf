package dev.leadline.core.common;

/** Something named by id does not exist. */
public class NotFoundException extends LeadlineException {
    public NotFoundException(String what, Object id) {
        super(what + " " + id + " not found");
    }
}
