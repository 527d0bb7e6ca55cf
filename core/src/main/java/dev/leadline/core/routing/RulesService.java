package dev.leadline.core.routing;

import dev.leadline.core.activity.AuditEntry;
import dev.leadline.core.activity.AuditLog;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.FieldError;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.common.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Rule sets as data: each save checks the whole set and stores it as the purpose's next version
 * (the active rules stay as they were when it is refused), so every routing decision can name the
 * version that made it. What is in force is read again every few seconds, so changes made on another
 * server node show within that time.
 */
public final class RulesService {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RulesService.class);
    private static final Duration MAX_AGE = Duration.ofSeconds(5);
    private final Transactor transactor;
    private final RuleSetRepository repository;
    private final RuleSetParser parser;
    private final AuditLog audit;
    private final Clock clock;
    private volatile InForce inForce;

    private record InForce(Instant readAt, Map<String, RuleSet> byPurpose) {}

    public RulesService(Transactor transactor, RuleSetRepository repository, RuleSetParser parser, AuditLog audit, Clock clock) {
        this.transactor = transactor;
        this.repository = repository;
        this.parser = parser;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Stores the document as the purpose's next version; the same document as the one in force stores nothing.
     *
     * @throws ValidationException naming every problem; nothing is stored then
     */
    public RuleSet save(String purpose, Map<String, Object> document, Actor actor) {
        return saveAll(Map.of(purpose, document), actor).get(0);
    }

    /** Saves several purposes' rules, all or nothing (an import). */
    public List<RuleSet> saveAll(Map<String, Map<String, Object>> documents, Actor actor) {
        List<FieldError> problems = new ArrayList<>();
        Map<String, RuleSet> checked = new LinkedHashMap<>();
        Instant now = clock.instant();
        documents.forEach((purpose, document) -> {
            try {
                checked.put(purpose, parser.parse(purpose, document, 0, now, actor.toString()));
            } catch (ValidationException e) {
                e.errors().forEach(f -> problems.add(new FieldError(documents.size() == 1 ? f.field() : purpose + "." + f.field(), f.message())));
            }
        });
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        try {
            return transactor.inTransaction(() -> {
                List<RuleSet> saved = new ArrayList<>();
                checked.forEach((purpose, rules) -> {
                    Optional<RuleSet> current = current(purpose);
                    if (current.isPresent() && canonical(current.get().document()).equals(canonical(rules.document()))) {
                        saved.add(current.get());
                        return;
                    }
                    int version = repository.save(purpose, rules.document(), now, actor.toString());
                    record(purpose, "saved", version, actor, now);
                    saved.add(new RuleSet(purpose, version, rules.entries(), rules.fallthrough(), rules.document(), now, actor.toString()));
                });
                return saved;
            });
        } finally {
            inForce = null;
        }
    }

    /**
     * Reads a draft of the purpose's rules as {@link #save} would check it, storing nothing (version 0).
     *
     * @throws ValidationException naming every problem
     */
    public RuleSet draft(String purpose, Map<String, Object> document) {
        return parser.parse(purpose, document, 0, clock.instant(), "draft");
    }

    /** Deletes the purpose's rules (a new version that has none); its leads then follow the default rules. */
    public void delete(String purpose, Actor actor) {
        current(purpose).orElseThrow(() -> new NotFoundException("rule set", purpose));
        try {
            transactor.inTransaction(() -> {
                int version = repository.save(purpose, null, clock.instant(), actor.toString());
                record(purpose, "deleted", version, actor, clock.instant());
                return null;
            });
        } finally {
            inForce = null;
        }
    }

    /** The rules in force for the purpose itself (not the default ones). */
    public Optional<RuleSet> current(String purpose) {
        return Optional.ofNullable(inForce().byPurpose().get(purpose));
    }

    /** The rules that route leads of this purpose: its own, else the default rules. */
    public Optional<RuleSet> forPurpose(String purpose) {
        return current(purpose).or(() -> current(RuleSet.DEFAULT));
    }

    /** Whether a rule set was ever saved, for any purpose (one deleted since counts). */
    public boolean anyEverSaved() {
        return !repository.newest().isEmpty();
    }

    public List<RuleSet> all() {
        return List.copyOf(inForce().byPurpose().values());
    }

    /** An earlier (or the current) version, as it was written. */
    public RuleSet version(String purpose, int version) {
        RuleSetRepository.Stored stored = repository.version(purpose, version).filter(s -> s.document() != null)
                .orElseThrow(() -> new NotFoundException("rule set", purpose + " v" + version));
        return parser.parse(purpose, stored.document(), stored.version(), stored.at(), stored.by());
    }

    /** Every version of the purpose's rules, newest first, as written (a deletion has no document). */
    public List<RuleSetRepository.Stored> versions(String purpose) {
        return repository.versions(purpose);
    }

    private InForce inForce() {
        InForce known = inForce;
        Instant now = clock.instant();
        if (known == null || known.readAt().plus(MAX_AGE).isBefore(now)) {
            Map<String, RuleSet> byPurpose = new LinkedHashMap<>();
            for (RuleSetRepository.Stored stored : repository.newest()) {
                if (stored.document() == null) {
                    continue;
                }
                try {
                    byPurpose.put(stored.purpose(), parser.parse(stored.purpose(), stored.document(), stored.version(), stored.at(), stored.by()));
                } catch (ValidationException e) {
                    // e.g. a queue it names was renamed since: its leads follow the default rules until the set is fixed
                    log.error("the {} rules (version {}) no longer read and are not used: {}", stored.purpose(), stored.version(), e.getMessage());
                }
            }
            known = new InForce(now, Map.copyOf(byPurpose));
            inForce = known;
        }
        return known;
    }

    /** The document with numbers as plain decimals, so that one read from JSON and one from YAML compare alike. */
    static Object canonical(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new java.util.TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), canonical(v)));
            return out;
        } else if (node instanceof List<?> list) {
            return list.stream().map(RulesService::canonical).toList();
        } else if (node instanceof Number n) {
            return new java.math.BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        return node;
    }

    private void record(String purpose, String action, int version, Actor actor, Instant at) {
        audit.record(List.of(new AuditEntry("rules", purpose, action, actor, at, null, Map.of("version", Objects.toString(version)))));
    }
}
