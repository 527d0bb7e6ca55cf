package dev.leadline.core.report;

/** Kinds of fact in a lead's history that reports count. */
public enum EventKind {
    CREATED, OFFERED,
    /** Given to a rep; its detail says by whom: {@code routed}, {@code manager} or {@code sla}. */
    ASSIGNED, CLAIMED,
    /** The first touch (contact, meeting, decision): once per lead. */
    TOUCHED, CONTACT_ATTEMPT,
    /** The lead answered: a contact that reached it, a meeting booked or held. */
    ENGAGED, QUALIFIED,
    /** Its detail is the reason. */
    DISQUALIFIED, CONVERTED, UNCONVERTED,
    /** Merged into another lead (detail: the survivor), or that merge undone. */
    MERGED, UNMERGED,
    /** An SLA step acted; its detail is the step: {@code remind}, {@code reassign}, {@code alert-manager}. */
    SLA
}
