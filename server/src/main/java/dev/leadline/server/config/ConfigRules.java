package dev.leadline.server.config;

import dev.leadline.core.activity.AuditEntry;
import dev.leadline.core.activity.AuditLog;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.FieldError;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.intake.FormDefinition;
import dev.leadline.core.intake.FormRepository;
import dev.leadline.core.intake.FormService;
import dev.leadline.core.routing.RuleSetParser;
import dev.leadline.core.team.QueueSpec;
import dev.leadline.core.team.RepSpec;
import dev.leadline.core.team.TeamService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The checks a leadline.yml must pass that need only the file: each section's own rules, and that the
 * reps, queues and forms it names are the ones it lists. The team's and the routing rules' own services
 * judge them, on the file's team held in memory. Every problem is collected; none stops the others.
 */
final class ConfigRules {
    private static final Actor CHECK = new Actor("config", "check");
    private static final Transactor AT_ONCE = new Transactor() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return work.get();
        }
    };
    private static final AuditLog NO_AUDIT = new AuditLog() {
        @Override
        public void record(List<AuditEntry> entries) {}

        @Override
        public List<AuditEntry> forEntity(String entityType, String entityId) {
            return List.of();
        }
    };

    private final List<FieldError> problems = new ArrayList<>();
    private final Clock clock = Clock.systemUTC();

    private ConfigRules() {}

    /**
     * @param unreadReps emails of reps whose entries could not be read, so queues naming them are not blamed for it too
     * @param teamReadable false when the reps or queues could not be read at all (the team is then not judged)
     */
    static List<FieldError> check(ConfigFile file, List<String> unreadReps, boolean teamReadable) {
        ConfigRules rules = new ConfigRules();
        rules.settings(file);
        rules.forms(file.forms());
        rules.cadences(file.cadences());
        if (teamReadable) {
            TeamService team = rules.team(file.reps(), unreadReps, file.queues());
            rules.sla(file);
            file.routingRules().ifPresent(documents -> rules.routingRules(team, documents));
        }
        return rules.problems;
    }

    /** Each cadence as saving it would check it, its problems under {@code cadences.<name>}. */
    private void cadences(Map<String, Map<String, Object>> cadences) {
        dev.leadline.core.nurture.CadenceParser parser = new dev.leadline.core.nurture.CadenceParser(new dev.leadline.core.nurture.PebbleMergeTemplates());
        cadences.forEach((name, document) -> {
            try {
                parser.parse(name, document == null ? Map.of() : document);
            } catch (ValidationException e) {
                e.errors().forEach(f -> problems.add(new FieldError("cadences." + name + (f.field().equals("name") ? "" : "." + f.field()), f.message())));
            }
        });
    }

    private void settings(ConfigFile file) {
        Optional.ofNullable(file.duplicates()).ifPresent(d -> collect(d::toPolicy));
        Optional.ofNullable(file.routing()).ifPresent(r -> collect(r::waitForEnrichment));
        Optional.ofNullable(file.accounts()).ifPresent(a -> collect(a::toTiebreaker));
        collect(file::enrichmentSettings);
    }

    private TeamService team(List<RepSpec> reps, List<String> unreadReps, List<QueueSpec> queues) {
        FileTeam store = new FileTeam();
        TeamService team = new TeamService(AT_ONCE, store.reps, store.queues, NO_AUDIT, clock);
        Map<String, Integer> emails = new HashMap<>();
        for (int i = 0; i < reps.size(); i++) {
            String where = "reps[" + i + "]";
            RepSpec rep = reps.get(i);
            Integer earlier = rep.email() == null ? null : emails.putIfAbsent(rep.email().strip().toLowerCase(Locale.ROOT), i);
            if (earlier != null) {
                problems.add(new FieldError(where + ".email", rep.email() + " is listed twice (also reps[" + earlier + "])"));
            }
            try {
                team.apply(List.of(rep), List.of(), CHECK);
            } catch (ValidationException e) {
                e.errors().forEach(f -> problems.add(new FieldError(f.field().replaceFirst("^reps\\[0]", where), f.message())));
                standIn(team, rep.email());
            }
            if (rep.calendar() != null) {
                collect(() -> dev.leadline.core.booking.RepCalendarService.source(rep.calendar(), where + ".calendar"));
            }
        }
        unreadReps.forEach(email -> standIn(team, email));
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < queues.size(); i++) {
            Integer earlier = queues.get(i).name() == null ? null : names.putIfAbsent(queues.get(i).name().strip(), i);
            if (earlier != null) {
                problems.add(new FieldError("queues[" + i + "].name", "'" + queues.get(i).name() + "' is listed twice (also queues[" + earlier + "])"));
            }
        }
        collect(() -> {
            team.apply(List.of(), queues, CHECK);
            return null;
        });
        return team;
    }

    /** A rep whose entry has problems of its own still counts as listed, so queues naming them are not blamed too. */
    private static void standIn(TeamService team, String email) {
        if (email == null) {
            return;
        }
        try {
            team.apply(List.of(new RepSpec(email, email, null, null, null, null, null, null)), List.of(), CHECK);
        } catch (ValidationException e) {
            // not an email address: its entry says so already
        }
    }

    private void sla(ConfigFile file) {
        file.sla().forEach((queue, spec) -> {
            if (file.queues().stream().noneMatch(q -> q.name() != null && q.name().strip().equals(queue))) {
                problems.add(new FieldError("sla." + queue, "no queue named '" + queue + "' under queues"));
            }
            collect(() -> spec.toPolicy(queue));
        });
    }

    @SuppressWarnings("unchecked")
    private void routingRules(TeamService team, Map<String, Object> documents) {
        RuleSetParser parser = new RuleSetParser(team);
        documents.forEach((purpose, document) -> {
            String where = "routing.rules." + purpose;
            if (!(document instanceof Map<?, ?>)) {
                problems.add(new FieldError(where, "must be a rule set with entries and default"));
                return;
            }
            try {
                parser.parse(purpose, (Map<String, Object>) document, 0, clock.instant(), CHECK.toString());
            } catch (ValidationException e) {
                e.errors().forEach(f -> problems.add(new FieldError(f.field().equals("purpose") ? where : where + "." + f.field(), f.message())));
            }
        });
    }

    private void forms(List<ConfigFile.FormSpec> forms) {
        FormService service = new FormService(new NoForms(), null, NO_AUDIT, clock);
        Map<String, Integer> keys = new HashMap<>();
        for (int i = 0; i < forms.size(); i++) {
            String where = "forms[" + i + "]";
            Integer earlier = forms.get(i).key() == null ? null : keys.putIfAbsent(forms.get(i).key(), i);
            if (earlier != null) {
                problems.add(new FieldError(where + ".key", "'" + forms.get(i).key() + "' is listed twice (also forms[" + earlier + "])"));
            }
            try {
                service.save(forms.get(i).toDefinition(), CHECK);
            } catch (ValidationException e) {
                e.errors().forEach(f -> problems.add(new FieldError(where, f.message())));
            }
        }
    }

    private void collect(Supplier<?> check) {
        try {
            check.get();
        } catch (ValidationException e) {
            problems.addAll(e.errors());
        }
    }

    /** Forms are checked, not kept. */
    private static final class NoForms implements FormRepository {
        @Override
        public FormDefinition upsert(FormDefinition form, Instant at) {
            return form;
        }

        @Override
        public Optional<FormDefinition> findByKey(String key) {
            return Optional.empty();
        }

        @Override
        public List<FormDefinition> list() {
            return List.of();
        }
    }
}
