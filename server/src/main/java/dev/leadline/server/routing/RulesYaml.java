package dev.leadline.server.routing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.routing.RuleSet;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rule sets as one YAML file, by purpose ({@code api:}, {@code form:}, {@code import:},
 * {@code reassignment:}, {@code default:}), for export and import; and single rule set bodies in
 * JSON or YAML.
 */
public final class RulesYaml {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private static final TypeReference<LinkedHashMap<String, Object>> TREE = new TypeReference<>() {};

    private RulesYaml() {}

    public static String write(List<RuleSet> ruleSets) {
        Map<String, Object> file = new LinkedHashMap<>();
        ruleSets.forEach(r -> file.put(r.purpose(), r.document()));
        try {
            return "# Leadline routing rules, by purpose: api, form, import, reassignment, default\n" + YAML.writeValueAsString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One rule set as YAML, as the console's editor shows it. */
    public static String writeOne(Map<String, Object> document) {
        try {
            return YAML.writeValueAsString(document);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a rules file: a map from purpose to rule set. */
    @SuppressWarnings("unchecked")
    public static Map<String, Map<String, Object>> read(String text) {
        Map<String, Object> file = tree(text, "rules");
        Map<String, Map<String, Object>> byPurpose = new LinkedHashMap<>();
        file.forEach((purpose, document) -> {
            if (!(document instanceof Map<?, ?>)) {
                throw new ValidationException(purpose, "must be a rule set with entries and default");
            }
            byPurpose.put(purpose, (Map<String, Object>) document);
        });
        if (byPurpose.isEmpty()) {
            throw new ValidationException("rules", "the file holds no rule sets; write them by purpose (api:, form:, import:, default:)");
        }
        return byPurpose;
    }

    /** One rule set's body (YAML is a superset of JSON, so either reads). */
    public static Map<String, Object> tree(String text, String what) {
        try {
            Map<String, Object> tree = YAML.readValue(text, TREE);
            if (tree == null) {
                throw new ValidationException(what, "is empty");
            }
            return tree;
        } catch (IOException e) {
            throw new ValidationException(what, "does not parse: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
