package dev.leadline.core.access;

import dev.leadline.core.activity.AuditEntry;
import dev.leadline.core.activity.AuditLog;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.ValidationException;
import java.util.List;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/** Issues API tokens and recognises them. Secrets are shown once and stored only as hashes. */
public final class TokenService {
    private static final String PREFIX = "ll_";
    private static final int MIN_BOOTSTRAP_LENGTH = 16;

    private final TokenRepository tokens;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TokenService(TokenRepository tokens, AuditLog audit, Clock clock) {
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    /** A freshly issued token: the secret is in {@code secret} and nowhere else. */
    public record Issued(String secret, ApiToken token) {}

    public Issued issue(String name, TokenRole role, Optional<Duration> lifetime, Actor actor) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new ValidationException("name", "is required (1-100 characters)");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        ApiToken token = tokens.insert(name.strip(), role, hash(secret), now, lifetime.map(now::plus).orElse(null));
        recordCreated(token, actor);
        return new Issued(secret, token);
    }

    /** Makes sure an admin token with exactly this secret exists (LEADLINE_BOOTSTRAP_TOKEN). */
    public ApiToken ensureBootstrap(String secret) {
        if (secret.length() < MIN_BOOTSTRAP_LENGTH) {
            throw new ValidationException("LEADLINE_BOOTSTRAP_TOKEN", "must be at least " + MIN_BOOTSTRAP_LENGTH + " characters");
        }
        String hash = hash(secret);
        return tokens.findByHash(hash).orElseGet(() -> {
            ApiToken token = tokens.insert("bootstrap", TokenRole.ADMIN, hash, clock.instant(), null);
            recordCreated(token, new Actor("config", "LEADLINE_BOOTSTRAP_TOKEN"));
            return token;
        });
    }

    private void recordCreated(ApiToken token, Actor actor) {
        Map<String, String> after = new java.util.TreeMap<>();
        after.put("name", token.name());
        after.put("role", token.role().name());
        if (token.expiresAt() != null) {
            after.put("expiresAt", token.expiresAt().toString());
        }
        audit.record(List.of(new AuditEntry("api_token", Long.toString(token.id()), "created", actor, token.createdAt(), null, after)));
    }

    public AuthOutcome authenticate(String secret) {
        Optional<ApiToken> found = tokens.findByHash(hash(secret));
        if (found.isEmpty()) {
            return new AuthOutcome.Unknown();
        }
        ApiToken token = found.get();
        Instant now = clock.instant();
        if (token.revokedAt() != null && !token.revokedAt().isAfter(now)) {
            return new AuthOutcome.Revoked(token);
        }
        if (token.expiresAt() != null && !token.expiresAt().isAfter(now)) {
            return new AuthOutcome.Expired(token);
        }
        return new AuthOutcome.Authenticated(token);
    }

    static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
