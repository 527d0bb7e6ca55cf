package dev.leadline.core.access;

import dev.leadline.core.team.Rep;

/** What a sign-in link turned out to be. */
public sealed interface SignIn {
    /** A new session: {@code secret} goes into the browser's cookie and nowhere else. */
    record SignedIn(String secret, ConsoleSession session, Rep rep) implements SignIn {}

    /** Unknown, used, expired, or the rep is no longer active; {@code reason} says which, in words. */
    record Refused(String reason) implements SignIn {}
}
