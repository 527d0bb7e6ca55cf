package dev.leadline.core.dedupe;

/** Where a duplicate rule is applied: before a lead is stored, or before a lead becomes a contact. */
public enum Checkpoint {
    /** {@code POST /api/v1/leads}. */
    API,
    /** A web-to-lead form. */
    FORM,
    /** Every row of a CSV import. */
    IMPORT,
    /** Converting a lead into a contact. */
    CONVERSION
}
