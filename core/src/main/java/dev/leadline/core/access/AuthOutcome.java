package dev.leadline.core.access;

/** What a presented bearer token turned out to be. */
public sealed interface AuthOutcome {
    record Authenticated(Caller caller) implements AuthOutcome {}

    record Unknown() implements AuthOutcome {}

    record Expired(ApiToken token) implements AuthOutcome {}

    record Revoked(ApiToken token) implements AuthOutcome {}

    /** A REP token whose rep is gone or no longer active. */
    record RepInactive(ApiToken token) implements AuthOutcome {}
}
