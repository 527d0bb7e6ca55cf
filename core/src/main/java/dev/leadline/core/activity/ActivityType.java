package dev.leadline.core.activity;

/** Kinds of entry on a lead's timeline. */
public enum ActivityType {
    CREATED, UPDATED, IMPORTED
}
