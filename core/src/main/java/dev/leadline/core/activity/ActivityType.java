package dev.leadline.core.activity;

/** Kinds of entry on a lead's timeline. */
public enum ActivityType {
    CREATED, UPDATED, IMPORTED, OFFERED, CLAIMED, RELEASED, ASSIGNED, CONTACT_ATTEMPT, QUALIFIED, DISQUALIFIED, NOTE
}
