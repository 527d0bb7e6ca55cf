package dev.leadline.core.access;

import dev.leadline.core.activity.AuditEntry;
import dev.leadline.core.activity.AuditLog;
import dev.leadline.core.common.Actor;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.RepRepository;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Signing reps in to the web console: one-time links (used once, within {@link #LINK_LIFETIME}) or an
 * email an identity provider has verified ({@link SsoAttempts}), and the sessions they open, which end on sign-out or after {@link #IDLE_TIMEOUT} without a request.
 * Secrets are shown once and stored only as hashes, so any node recognises them. A session belongs to
 * a rep as a REP token does: it acts as that rep and nobody else.
 */
public final class ConsoleAccess {
    public static final Duration LINK_LIFETIME = Duration.ofMinutes(10);
    public static final Duration IDLE_TIMEOUT = Duration.ofHours(8);
    /** A session's last use is written at most this often. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final String USED = "This sign-in link has been used already; each link works once. Ask for a new one.";

    private final ConsoleSessionRepository store;
    private final RepRepository reps;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ConsoleAccess(ConsoleSessionRepository store, RepRepository reps, AuditLog audit, Clock clock) {
        this.store = store;
        this.reps = reps;
        this.audit = audit;
        this.clock = clock;
    }

    /** A fresh sign-in link's secret and when it stops working. */
    public record IssuedLink(String secret, Instant expiresAt) {}

    /** A session found by its cookie, with its rep. */
    public record Active(ConsoleSession session, Rep rep) {
        /** The rep acting through this session: both are named on the timeline and in the audit log. */
        public dev.leadline.core.team.ActingRep acting() {
            return dev.leadline.core.team.ActingRep.onBehalf(rep, new Actor("console", "session-" + session.id()));
        }
    }

    public IssuedLink issueLink(Rep rep, Actor by) {
        if (!rep.active()) {
            throw new dev.leadline.core.common.ValidationException("rep", rep.email() + " is not an active rep");
        }
        String secret = secret();
        Instant now = clock.instant();
        Instant expires = now.plus(LINK_LIFETIME);
        store.insertLink(TokenService.hash(secret), rep.id(), now, expires);
        audit.record(List.of(new AuditEntry("console_link", Long.toString(rep.id()), "issued", by, now, null,
                Map.of("rep", rep.email(), "expiresAt", expires.toString()))));
        return new IssuedLink(secret, expires);
    }

    /** Uses the link (once) and opens a session for its rep. */
    public SignIn redeem(String linkSecret) {
        Instant now = clock.instant();
        Optional<ConsoleSessionRepository.StoredLink> found = find(linkSecret);
        Optional<String> refusal = refusal(found, now);
        if (refusal.isPresent()) {
            return new SignIn.Refused(refusal.get());
        }
        ConsoleSessionRepository.StoredLink link = found.get();
        if (!store.useLink(link.id(), now)) {
            return new SignIn.Refused(USED);
        }
        Optional<Rep> rep = reps.find(link.repId()).filter(Rep::active);
        if (rep.isEmpty()) {
            return new SignIn.Refused("The rep this link was for is not an active rep any more.");
        }
        return open(rep.get(), "link", now);
    }

    /**
     * Why the link would be refused now (unknown, used or expired), without using it; empty while it
     * still works. The link's page says so before anyone presses Sign in.
     */
    public Optional<String> linkRefusal(String linkSecret) {
        return refusal(find(linkSecret), clock.instant());
    }

    private Optional<ConsoleSessionRepository.StoredLink> find(String linkSecret) {
        return Optional.ofNullable(linkSecret).filter(s -> !s.isBlank()).flatMap(s -> store.findLink(TokenService.hash(s)));
    }

    private static Optional<String> refusal(Optional<ConsoleSessionRepository.StoredLink> found, Instant now) {
        if (found.isEmpty()) {
            return Optional.of("This sign-in link is not one we know. Ask for a new one.");
        }
        if (found.get().usedAt() != null) {
            return Optional.of(USED);
        }
        if (!found.get().expiresAt().isAfter(now)) {
            return Optional.of("This sign-in link has expired (links work for 10 minutes). Ask for a new one.");
        }
        return Optional.empty();
    }

    /**
     * Opens a session for the active rep with this email, which an identity provider has vouched for
     * (single sign-on): the same session, with the same rights, as a link opens.
     */
    public SignIn signInVerified(String email) {
        String normalised = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        Optional<Rep> rep = normalised.isEmpty() ? Optional.empty() : reps.findByEmail(normalised);
        if (rep.isEmpty()) {
            return new SignIn.Refused("No Leadline rep has the email " + normalised + ". Ask an administrator to add you as a rep.");
        }
        if (!rep.get().active()) {
            return new SignIn.Refused(normalised + " is not an active rep. Ask an administrator to make you active again.");
        }
        return open(rep.get(), "sso", clock.instant());
    }

    private SignIn open(Rep rep, String via, Instant now) {
        String secret = secret();
        ConsoleSession session = store.insertSession(TokenService.hash(secret), rep.id(), secret(), now);
        audit.record(List.of(new AuditEntry("console_session", Long.toString(session.id()), "signed_in", Actor.rep(rep.email()), now,
                null, Map.of("rep", rep.email(), "via", via))));
        return new SignIn.SignedIn(secret, session, rep);
    }

    /** The session this cookie secret opened, if it is still on; using it keeps it on. */
    public Optional<Active> session(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        Optional<ConsoleSession> found = store.findSession(TokenService.hash(secret));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ConsoleSession session = found.get();
        Instant now = clock.instant();
        if (!session.lastSeenAt().plus(IDLE_TIMEOUT).isAfter(now)) {
            store.end(session.id(), now);
            return Optional.empty();
        }
        Optional<Rep> rep = reps.find(session.repId()).filter(Rep::active);
        if (rep.isEmpty()) {
            return Optional.empty();
        }
        if (!session.lastSeenAt().plus(TOUCH_EVERY).isAfter(now)) {
            store.touch(session.id(), now);
        }
        return Optional.of(new Active(session, rep.get()));
    }

    public void signOut(ConsoleSession session) {
        store.end(session.id(), clock.instant());
    }

    static String secret(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private String secret() {
        return secret(random);
    }
}
