package dev.leadline.core.nurture;

/**
 * Checks the merge templates of a cadence's emails, chat nudges and task titles when it is saved: the
 * syntax, and that every merge field is one the lead, its owner or its account has. A problem is
 * refused with the line it is on.
 */
public interface MergeTemplates {
    /** Throws {@link dev.leadline.core.common.ValidationException} naming {@code field} and the line when the template is wrong. */
    void check(String field, String template);
}
