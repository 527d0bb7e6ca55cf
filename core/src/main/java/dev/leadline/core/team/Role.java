package dev.leadline.core.team;

/** What a person on the desk may do. */
public enum Role {
    REP, MANAGER, ADMIN
}
