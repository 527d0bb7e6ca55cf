package dev.leadline.core.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The round trip of a sign-in by single sign-on: a browser leaves for the identity provider with a
 * fresh state, nonce and PKCE verifier, and comes back with the state, which must be the one this
 * browser left with (its cookie), known, unused and younger than {@link #LIFETIME}. Attempts are kept
 * in the database, so the browser may come back to any node; each is good for one return.
 */
public final class SsoAttempts {
    public static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final Duration KEEP_EXPIRED = Duration.ofDays(1);

    private final SsoAttemptRepository store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SsoAttempts(SsoAttemptRepository store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** What the browser takes to the identity provider; {@code state} also goes into its cookie. */
    public record Started(String state, String nonce, String codeVerifier) {}

    /** What a return from the identity provider turned out to be. */
    public sealed interface Returned {
        /** A good return: the nonce the ID token must carry and the verifier to exchange the code with. */
        record Open(String nonce, String codeVerifier) implements Returned {}

        /** Not this browser's, unknown, used or expired; {@code reason} says which, in words. */
        record Refused(String reason) implements Returned {}
    }

    public Started begin() {
        Started started = new Started(ConsoleAccess.secret(random), ConsoleAccess.secret(random), ConsoleAccess.secret(random));
        Instant now = clock.instant();
        store.insert(TokenService.hash(started.state()), started.nonce(), started.codeVerifier(), now, now.plus(LIFETIME),
                now.minus(KEEP_EXPIRED));
        return started;
    }

    /** Uses up the attempt {@code state} names, if the browser's cookie ({@code browserState}) shows it started it. */
    public Returned resume(String state, String browserState) {
        if (state == null || state.isBlank()) {
            return new Returned.Refused("The identity provider sent you back without the sign-in's state. Start again.");
        }
        if (browserState == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                browserState.getBytes(StandardCharsets.UTF_8))) {
            return new Returned.Refused("This sign-in was not started in this browser (or its cookie was lost). Start again from the sign-in page.");
        }
        Optional<SsoAttemptRepository.StoredAttempt> found = store.find(TokenService.hash(state));
        if (found.isEmpty()) {
            return new Returned.Refused("This sign-in is not one we know. Start again from the sign-in page.");
        }
        SsoAttemptRepository.StoredAttempt attempt = found.get();
        Instant now = clock.instant();
        if (attempt.usedAt() != null || !store.use(attempt.id(), now)) {
            return new Returned.Refused("This sign-in has been completed already; each works once. Start again from the sign-in page.");
        }
        if (!attempt.expiresAt().isAfter(now)) {
            return new Returned.Refused("This sign-in took longer than 10 minutes and has expired. Start again from the sign-in page.");
        }
        return new Returned.Open(attempt.nonce(), attempt.codeVerifier());
    }
}
