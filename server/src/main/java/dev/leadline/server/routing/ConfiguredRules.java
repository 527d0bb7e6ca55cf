package dev.leadline.server.routing;

import dev.leadline.core.common.Actor;
import dev.leadline.core.common.FieldError;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.routing.RuleSet;
import dev.leadline.core.routing.RulesService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing rules a server starts with: those kept in {@code leadline.yml} under {@code routing.rules}
 * (by purpose, as {@code rules export} writes them), and otherwise, on an install where no rule set was
 * ever saved and exactly one queue is configured, {@code default: {queue: <it>}}, so that every lead
 * reaches someone. Once any rule set has existed the default is never made again: an admin who deleted
 * the rules meant it.
 */
public final class ConfiguredRules {
    private static final Logger log = LoggerFactory.getLogger(ConfiguredRules.class);
    static final Actor DEFAULT_ROUTING = new Actor("config", "default-routing");
    private static final String WHERE = "routing.rules";

    private ConfiguredRules() {}

    /** Stores each configured rule set that differs from the one in force as its next version, all or nothing. */
    @SuppressWarnings("unchecked")
    public static List<RuleSet> apply(RulesService rules, Map<String, Object> configured, Actor actor) {
        Map<String, Map<String, Object>> byPurpose = new LinkedHashMap<>();
        configured.forEach((purpose, document) -> {
            if (!(document instanceof Map<?, ?>)) {
                throw new ValidationException(WHERE + "." + purpose, "must be a rule set with entries and default");
            }
            byPurpose.put(purpose, (Map<String, Object>) document);
        });
        try {
            return rules.saveAll(byPurpose, actor);
        } catch (ValidationException e) {
            String prefix = WHERE + "." + (byPurpose.size() == 1 ? byPurpose.keySet().iterator().next() + "." : "");
            throw new ValidationException(e.errors().stream().map(f -> new FieldError(prefix + f.field(), f.message())).toList());
        }
    }

    /** Saves {@code default: {queue: <queue>}} as the default rules if no rule set was ever saved. */
    public static Optional<RuleSet> defaultToOnlyQueue(RulesService rules, String queue) {
        if (rules.anyEverSaved()) {
            return Optional.empty();
        }
        RuleSet saved = rules.save(RuleSet.DEFAULT, Map.of("default", Map.of("queue", queue)), DEFAULT_ROUTING);
        log.info("no routing rules yet and one queue configured: every lead now goes to queue {} (default rules, version {}); "
                + "change them with PUT /api/v1/rules/default or under routing.rules in leadline.yml", queue, saved.version());
        return Optional.of(saved);
    }
}
