package dev.leadline.core.routing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules for one purpose, as one version: entries in order (the first that matches wins) and the
 * default target for every lead that no entry takes. {@code document} is the rule set as written,
 * kept for export and for reading it back.
 */
public record RuleSet(String purpose, int version, List<RuleEntry> entries, RuleEntry fallthrough, Map<String, Object> document,
                      Instant createdAt, String createdBy) {
    /** The purposes rule sets exist for; {@code default} serves every purpose that has none of its own. */
    public static final Set<String> PURPOSES = Set.of("api", "form", "import", "reassignment", "default");
    public static final String DEFAULT = "default";

    public RuleSet {
        entries = List.copyOf(entries);
        document = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(document));
    }
}
