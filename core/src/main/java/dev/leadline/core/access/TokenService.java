package dev.leadline.core.access;

import dev.leadline.core.activity.AuditEntry;
import dev.leadline.core.activity.AuditLog;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.RepRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Issues API tokens, recognises them and revokes them. Secrets are shown once and stored only as
 * hashes. Every token belongs to a principal: the desk (ADMIN), an integration, or one rep.
 */
public final class TokenService {
    static final String BOOTSTRAP = "bootstrap";
    private static final String PREFIX = "ll_";
    private static final int MIN_BOOTSTRAP_LENGTH = 16;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");

    private final TokenRepository tokens;
    private final RepRepository reps;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TokenService(TokenRepository tokens, RepRepository reps, AuditLog audit, Clock clock) {
        this.tokens = tokens;
        this.reps = reps;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * What to issue: {@code rep} (id or email) only and always with REP; {@code actAs} only with
     * INTEGRATION; a lifetime, when given, longer than zero.
     */
    public record Request(String name, TokenRole role, String rep, boolean actAs, Optional<Duration> lifetime) {
        public static Request of(String name, TokenRole role) {
            return new Request(name, role, null, false, Optional.empty());
        }
    }

    /** A freshly issued token: the secret is in {@code secret} and nowhere else. */
    public record Issued(String secret, ApiToken token) {}

    public Issued issue(Request request, Actor actor) {
        String name = request.name() == null ? "" : request.name().strip();
        if (!NAME.matcher(name).matches()) {
            throw new ValidationException("name", "1-100 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
        }
        if (name.equalsIgnoreCase(BOOTSTRAP)) {
            throw new ValidationException("name", "'bootstrap' is kept for LEADLINE_BOOTSTRAP_TOKEN");
        }
        if (!tokens.active(name).isEmpty()) {
            throw new ValidationException("name", "a token named '" + name + "' exists; revoke it first or choose another name");
        }
        if (request.role() == null) {
            throw new ValidationException("role", "must be ADMIN, INTEGRATION or REP");
        }
        Long repId = repOf(request);
        if (request.actAs() && request.role() != TokenRole.INTEGRATION) {
            throw new ValidationException("actAs", "only INTEGRATION tokens take the act-as scope (ADMIN tokens may act as any rep, REP tokens as their own)");
        }
        request.lifetime().filter(d -> d.isNegative() || d.isZero()).ifPresent(d -> {
            throw new ValidationException("expiresIn", "must be longer than zero");
        });
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
        Instant now = clock.instant();
        ApiToken token = tokens.insert(new TokenRepository.NewToken(name, request.role(), repId, request.actAs(), hash(secret), now,
                request.lifetime().map(now::plus).orElse(null)));
        recordCreated(token, actor);
        return new Issued(secret, token);
    }

    /** Revokes the token of this name, if there is one, and issues a new one in its place. */
    public Issued rotate(Request request, Actor actor) {
        revoke(tokens.active(request.name() == null ? "" : request.name().strip()), actor);
        return issue(request, actor);
    }

    private Long repOf(Request request) {
        boolean named = request.rep() != null && !request.rep().isBlank();
        if (request.role() != TokenRole.REP) {
            if (named) {
                throw new ValidationException("rep", "only REP tokens belong to a rep");
            }
            return null;
        }
        if (!named) {
            throw new ValidationException("rep", "a REP token names its rep by id or email");
        }
        String value = request.rep().strip();
        Optional<Rep> rep = value.matches("\\d{1,18}") ? reps.find(Long.parseLong(value)) : reps.findByEmail(value);
        return rep.filter(Rep::active).map(Rep::id)
                .orElseThrow(() -> new ValidationException("rep", "no active rep with id or email '" + value + "'"));
    }

    /**
     * Makes sure an admin token with exactly this secret exists (LEADLINE_BOOTSTRAP_TOKEN), and
     * revokes any earlier bootstrap token: changing the variable rotates the token.
     */
    public ApiToken ensureBootstrap(String secret) {
        if (secret.length() < MIN_BOOTSTRAP_LENGTH) {
            throw new ValidationException("LEADLINE_BOOTSTRAP_TOKEN", "must be at least " + MIN_BOOTSTRAP_LENGTH + " characters");
        }
        String hash = hash(secret);
        Actor config = new Actor("config", "LEADLINE_BOOTSTRAP_TOKEN");
        Optional<ApiToken> current = tokens.findByHash(hash);
        revoke(tokens.active(BOOTSTRAP).stream().filter(t -> current.map(c -> c.id() != t.id()).orElse(true)).toList(), config);
        // a current one that was revoked stays revoked: restarting with the same secret does not bring it back
        return current.orElseGet(() -> {
            ApiToken token = tokens.insert(new TokenRepository.NewToken(BOOTSTRAP, TokenRole.ADMIN, null, false, hash, clock.instant(), null));
            recordCreated(token, config);
            return token;
        });
    }

    /** Every token, newest first; secrets are never shown again. */
    public List<ApiToken> list() {
        return tokens.list();
    }

    /** Revokes the token of this name; it is refused from then on. */
    public ApiToken revoke(String name, Actor actor) {
        List<ApiToken> found = tokens.active(name == null ? "" : name.strip());
        if (found.isEmpty()) {
            throw new NotFoundException("token", name);
        }
        Instant at = revoke(found, actor);
        ApiToken t = found.get(0);
        return new ApiToken(t.id(), t.name(), t.role(), t.repId(), t.actAs(), t.createdAt(), t.expiresAt(), at);
    }

    private Instant revoke(List<ApiToken> found, Actor actor) {
        Instant now = clock.instant();
        if (!found.isEmpty()) {
            tokens.revoke(found.stream().map(ApiToken::id).toList(), now);
            audit.record(found.stream().map(t -> new AuditEntry("api_token", Long.toString(t.id()), "revoked", actor, now,
                    Map.of("name", t.name()), Map.of("revokedAt", now.toString()))).toList());
        }
        return now;
    }

    private void recordCreated(ApiToken token, Actor actor) {
        Map<String, String> after = new TreeMap<>();
        after.put("name", token.name());
        after.put("role", token.role().name());
        if (token.repId() != null) {
            after.put("repId", token.repId().toString());
        }
        if (token.actAs()) {
            after.put("scope", "act-as");
        }
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
        if (token.role() != TokenRole.REP) {
            return new AuthOutcome.Authenticated(new Caller(token, null));
        }
        Optional<Rep> rep = Optional.ofNullable(token.repId()).flatMap(reps::find).filter(Rep::active);
        return rep.<AuthOutcome>map(r -> new AuthOutcome.Authenticated(new Caller(token, r)))
                .orElseGet(() -> new AuthOutcome.RepInactive(token));
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return bytes;
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
