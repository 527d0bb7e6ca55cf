package dev.leadline.core.dedupe;

/** What a duplicate rule does with a new record that looks like one already stored. */
public enum DuplicateAction {
    /** Store it; say nothing. */
    ALLOW,
    /** Store it, and name what it looks like (in the answer, the import report and the timeline). */
    FLAG,
    /** As flag, and post the new lead to the existing record's owner (else its queue, else the managers). */
    ALERT,
    /** Do not store it; answer with the record it looks like. */
    BLOCK,
    /**
     * Store it and merge it into the lead it looks like at once (undoable); at conversion, use the
     * existing contact instead of creating another.
     */
    MERGE
}
