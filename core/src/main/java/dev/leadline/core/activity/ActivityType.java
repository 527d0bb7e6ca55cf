package dev.leadline.core.activity;

/** Kinds of entry on a lead's timeline. */
public enum ActivityType {
    CREATED, UPDATED, IMPORTED, OFFERED, CLAIMED, RELEASED, ASSIGNED, CONTACT_ATTEMPT, QUALIFIED, DISQUALIFIED, NOTE,
    MEETING_SCHEDULED, MEETING_RESCHEDULED, MEETING_OUTCOME, TASK_CREATED, TASK_DONE, CONVERTED, UNCONVERTED,
    /** A routing decision that left the lead where it was (kept with its owner). */
    ROUTED,
    /** Other leads merged into this one, or this one into another. */
    MERGED,
    /** A merge undone. */
    UNMERGED,
    /** An SLA step acted on the lead (a reminder, a reassignment that found nobody, a manager alert). */
    SLA,
    /** Someone said this lead and a look-alike are not the same: the pair is not flagged again. */
    DUPLICATE_DISMISSED,
    /** The lead was enrolled in a nurture cadence, or left one (and why). */
    NURTURE,
    /** A cadence's email to the lead went (or could not go). */
    EMAIL_SENT,
    /** The lead answered a cadence's email (or an auto-reply or a bounce came back). */
    EMAIL_RECEIVED,
    /** Out of a cadence and back to routing, new and without an owner, with why. */
    RECYCLED,
    /** A file attached to the lead, or removed from it. */
    FILE;

    /**
     * Whether an entry of this kind is activity on the lead (it moves {@code lastActivityAt}, which the
     * idle view reads); the SLA's own entries are about the lack of it, a dismissed look-alike is
     * about another lead, and entering or leaving a cadence, its emails and being recycled are nobody's
     * contact with the lead (the lead's own answer is).
     */
    public boolean isActivity() {
        return this != SLA && this != DUPLICATE_DISMISSED && this != NURTURE && this != EMAIL_SENT && this != RECYCLED;
    }
}
