package dev.leadline.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.leadline.core.sla.SlaPolicy;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.dedupe.DuplicatePolicy;
import dev.leadline.core.intake.FormDefinition;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import dev.leadline.server.Services;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code leadline.yml}: the team and the web forms as code, applied at start-up. Routing rules
 * join it with the routing engine.
 */
public record ConfigFile(List<RepSpec> reps, List<QueueSpec> queues, List<FormSpec> forms, List<String> disqualifyReasons,
                         Map<String, SlaSpec> sla, Views views, String crmLeadUrl, Map<String, Map<String, String>> plugins,
                         EnrichmentSpec enrichment, Duplicates duplicates, RoutingSpec routing, AccountsSpec accounts,
                         Map<String, Map<String, Object>> cadences) {

    /**
     * Lead-to-account matching: which of several equally good accounts a lead goes to
     * ({@code open-opportunities}, the default; {@code recent-activity}; {@code largest}).
     */
    public record AccountsSpec(String tiebreaker) {
        dev.leadline.core.account.AccountTiebreaker toTiebreaker() {
            return tiebreaker == null ? dev.leadline.core.account.AccountTiebreaker.DEFAULT
                    : dev.leadline.core.account.AccountTiebreaker.parse(tiebreaker, "accounts.tiebreaker");
        }
    }

    /**
     * Routing settings: how long a new lead waits for enrichment and scoring before it is routed
     * ({@code 2s} by default; {@code 0s} routes at once, {@code 10m} holds leads until enriched), and
     * the rule sets by purpose as {@code rules export} writes them (applied at start-up).
     */
    public record RoutingSpec(String enrichmentWait, Map<String, Object> rules) {
        Duration waitForEnrichment() {
            if (enrichmentWait == null) {
                return dev.leadline.core.routing.RoutingService.DEFAULT_ENRICHMENT_WAIT;
            }
            Duration wait = dev.leadline.core.common.Durations.parse("routing.enrichmentWait", enrichmentWait);
            if (wait.compareTo(Duration.ofHours(24)) > 0) {
                throw new ValidationException("routing.enrichmentWait", "must be at most 24h");
            }
            return wait;
        }
    }

    /**
     * Duplicate rules. {@code rules}, when given, replace the defaults ({@link DuplicatePolicy#DEFAULT});
     * {@code onCreate} only changes the defaults' action at the API and on forms. {@code identifiers} name
     * the fields that identify a person ({@code [custom.nationalId]}).
     */
    public record Duplicates(String onCreate, List<DuplicateRuleSpec> rules, List<String> identifiers) {
        DuplicatePolicy toPolicy() {
            return rulesPolicy().identifiedBy(dev.leadline.core.dedupe.Identifiers.of(identifiers == null ? List.of() : identifiers,
                    "duplicates.identifiers"));
        }

        private DuplicatePolicy rulesPolicy() {
            if (rules != null && !rules.isEmpty()) {
                if (onCreate != null) {
                    throw new ValidationException("duplicates.onCreate", "give either onCreate or rules, not both");
                }
                List<dev.leadline.core.dedupe.DuplicateRule> parsed = new java.util.ArrayList<>();
                for (int i = 0; i < rules.size(); i++) {
                    DuplicateRuleSpec r = rules.get(i);
                    parsed.add(dev.leadline.core.dedupe.DuplicateRule.of(r.name(), r.against(), r.at(), r.action(), r.threshold(),
                            "duplicates.rules[" + i + "]"));
                }
                return new DuplicatePolicy(parsed, dev.leadline.core.dedupe.Identifiers.NONE);
            }
            if (onCreate == null) {
                return DuplicatePolicy.DEFAULT;
            }
            return DuplicatePolicy.withIntakeAction(dev.leadline.core.dedupe.DuplicateRule.of(null, "leads", List.of("api"), onCreate, null,
                    "duplicates.onCreate").action());
        }
    }

    /** One duplicate rule: {@code against} leads or contacts, {@code at} checkpoints, {@code action}, from {@code threshold}. */
    public record DuplicateRuleSpec(String name, String against, List<String> at, String action, Double threshold) {}

    /**
     * How enrichment results and scores combine: providers from most to least trusted, score weights
     * by provider, and the age after which a lead is enriched again.
     */
    public record EnrichmentSpec(List<String> precedence, Map<String, Double> weights, Integer refreshDays) {
        public dev.leadline.core.enrichment.EnrichmentSettings toSettings() {
            if (refreshDays != null && (refreshDays < 1 || refreshDays > 3650)) {
                throw new ValidationException("enrichment.refreshDays", "must be a whole number of days from 1 to 3650");
            }
            if (weights != null) {
                weights.forEach((provider, weight) -> {
                    if (weight == null || weight < 0) {
                        throw new ValidationException("enrichment.weights." + provider, "must be a number of 0 or more");
                    }
                });
            }
            var defaults = dev.leadline.core.enrichment.EnrichmentSettings.DEFAULTS;
            return new dev.leadline.core.enrichment.EnrichmentSettings(precedence == null ? defaults.precedence() : precedence,
                    weights == null ? defaults.weights() : weights,
                    refreshDays == null ? defaults.refreshAfter() : Duration.ofDays(refreshDays));
        }
    }

    /** List view settings: after how many days without activity an open lead counts as idle. */
    public record Views(Integer idleDays) {}

    public ConfigFile {
        if (crmLeadUrl != null && !crmLeadUrl.isBlank() && !crmLeadUrl.matches("https?://\\S+")) {
            throw new ValidationException("crmLeadUrl", "must be an http(s) URL with {id} or {externalId} in it");
        }
        if (views != null && views.idleDays() != null && (views.idleDays() < 1 || views.idleDays() > 3650)) {
            throw new ValidationException("views.idleDays", "must be a whole number of days from 1 to 3650");
        }
        sla = sla == null ? Map.of() : Map.copyOf(sla);
        disqualifyReasons = disqualifyReasons == null ? List.of() : List.copyOf(disqualifyReasons);
        reps = reps == null ? List.of() : List.copyOf(reps);
        queues = queues == null ? List.of() : List.copyOf(queues);
        forms = forms == null ? List.of() : List.copyOf(forms);
        plugins = plugins == null ? Map.of() : Map.copyOf(plugins);
        // nurture cadences by name, each as PUT /api/v1/cadences/{name} takes it; kept in the file's order
        cadences = cadences == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(cadences));
    }

    /** The rule sets kept under {@code routing.rules}, by purpose, if any. */
    public Optional<Map<String, Object>> routingRules() {
        return Optional.ofNullable(routing).map(RoutingSpec::rules).filter(r -> !r.isEmpty());
    }

    /** Enrichment settings, or the defaults. */
    public dev.leadline.core.enrichment.EnrichmentSettings enrichmentSettings() {
        return enrichment == null ? dev.leadline.core.enrichment.EnrichmentSettings.DEFAULTS : enrichment.toSettings();
    }

    /** The settings the services are wired with; what the file leaves out keeps its default. */
    public Services.Settings settings() {
        return new Services.Settings(disqualifyReasons.isEmpty() ? Services.Settings.DEFAULTS.disqualifyReasons() : disqualifyReasons,
                views == null || views.idleDays() == null ? Services.Settings.DEFAULTS.idleAfter() : Duration.ofDays(views.idleDays()),
                Optional.ofNullable(crmLeadUrl).filter(u -> !u.isBlank()),
                duplicates == null ? Services.Settings.DEFAULTS.duplicates() : duplicates.toPolicy(),
                routing == null ? Services.Settings.DEFAULTS.enrichmentWait() : routing.waitForEnrichment(),
                accounts == null ? Services.Settings.DEFAULTS.accountTiebreaker() : accounts.toTiebreaker());
    }

    /** A web form as written in leadline.yml. */
    public record FormSpec(String key, String name, Map<String, String> fieldMapping, String defaultSource,
                           String defaultCampaign, String thankYouUrl, List<String> allowedOrigins, Map<String, Object> booking) {
        public FormSpec(String key, String name, Map<String, String> fieldMapping, String defaultSource, String defaultCampaign,
                        String thankYouUrl, List<String> allowedOrigins) {
            this(key, name, fieldMapping, defaultSource, defaultCampaign, thankYouUrl, allowedOrigins, null);
        }

        public FormDefinition toDefinition() {
            return new FormDefinition(key, name, fieldMapping == null ? Map.of() : fieldMapping, defaultSource,
                    defaultCampaign, thankYouUrl, allowedOrigins == null ? List.of() : allowedOrigins,
                    booking == null ? null : dev.leadline.core.booking.BookingSpec.parse(booking, "booking"));
        }
    }

    /**
     * A queue's SLA as written: steps like {@code {after: 5m, do: remind}}, what counts as a touch, and
     * optionally the business hours (with their time zone) that the steps count in.
     */
    public record SlaSpec(List<StepEntry> steps, List<String> touch, String hours, String timeZone) {
        public SlaPolicy toPolicy(String queue) {
            return SlaPolicy.parse("sla." + queue, steps == null ? List.of()
                    : steps.stream().map(s -> new SlaPolicy.StepSpec(s.after(), s.action())).toList(), touch == null ? List.of() : touch,
                    hours, timeZone);
        }
    }

    /** One SLA step as written. */
    public record StepEntry(String after, @JsonProperty("do") String action) {}

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /**
     * Reads and checks the file if it exists, needing nothing else (no database).
     *
     * @throws ConfigFileException listing every problem in the file, each with its line
     */
    public static Optional<ConfigFile> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String name = file.normalize().toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new dev.leadline.core.common.LeadlineException("cannot read " + name + " (LEADLINE_CONFIG): " + e.getMessage(), e);
        }
        ConfigFileCheck.Result checked = ConfigFileCheck.check(text);
        if (!checked.ok()) {
            throw new ConfigFileException(name, checked.problems());
        }
        return Optional.of(checked.file());
    }

    public static ConfigFile parse(String yaml) {
        try {
            return YAML.readValue(yaml, ConfigFile.class);
        } catch (IOException e) {
            throw new ValidationException("leadline.yml", e.getMessage());
        }
    }
}
