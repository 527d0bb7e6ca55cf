package dev.leadline.core.intake;

import dev.leadline.core.activity.AuditEntry;
import dev.leadline.core.activity.AuditLog;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadDraft;
import dev.leadline.core.lead.LeadField;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Web-to-lead: turns form submissions into leads, and keeps form definitions. */
public final class FormService {
    private final FormRepository forms;
    private final IntakeService intake;
    private final AuditLog audit;
    private final Clock clock;

    /** Whether a queue of this name exists (a form's booking names one); every name is taken until told. */
    private volatile java.util.function.Predicate<String> queueExists = name -> true;

    public void checkQueuesWith(java.util.function.Predicate<String> exists) {
        this.queueExists = exists;
    }

    public FormService(FormRepository forms, IntakeService intake, AuditLog audit, Clock clock) {
        this.forms = forms;
        this.intake = intake;
        this.audit = audit;
        this.clock = clock;
    }

    public FormDefinition form(String key) {
        return forms.findByKey(key).orElseThrow(() -> new NotFoundException("form", key));
    }

    public List<FormDefinition> forms() {
        return forms.list();
    }

    /**
     * Stores a form definition after checking it.
     *
     * @throws ValidationException naming what is wrong
     */
    public FormDefinition save(FormDefinition form, Actor actor) {
        List<String> problems = new ArrayList<>();
        if (form.key() == null || !form.key().matches("[A-Za-z0-9_-]{1,64}")) {
            problems.add("key must be 1-64 letters, digits, '-' or '_'");
        }
        if (form.name() == null || form.name().isBlank()) {
            problems.add("name is required");
        }
        if (form.thankYouUrl() != null && !absoluteHttpUrl(form.thankYouUrl())) {
            problems.add("thankYouUrl must be an absolute http(s) URL");
        }
        form.allowedOrigins().stream().filter(o -> !absoluteHttpUrl(o))
                .forEach(o -> problems.add("allowedOrigins entry '" + o + "' must be an origin like https://example.com"));
        if (form.booking() != null && form.booking().queue() != null && !queueExists.test(form.booking().queue())) {
            problems.add("booking.queue '" + form.booking().queue() + "' is not a queue");
        }
        try {
            ColumnMapping.resolve(List.copyOf(form.fieldMapping().keySet()), form.fieldMapping());
        } catch (ValidationException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new ValidationException("form", String.join("; ", problems));
        }
        Optional<FormDefinition> before = forms.findByKey(form.key());
        FormDefinition after = forms.upsert(form, clock.instant());
        if (before.isEmpty() || !before.get().equals(after)) {
            audit.record(List.of(new AuditEntry("form", after.key(), before.isEmpty() ? "created" : "updated", actor,
                    clock.instant(), before.map(FormService::snapshot).orElse(null), snapshot(after))));
        }
        return after;
    }

    private static Map<String, String> snapshot(FormDefinition form) {
        Map<String, String> values = new java.util.TreeMap<>();
        values.put("name", form.name());
        values.put("fieldMapping", new java.util.TreeMap<>(form.fieldMapping()).toString());
        Optional.ofNullable(form.defaultSource()).ifPresent(v -> values.put("defaultSource", v));
        Optional.ofNullable(form.defaultCampaign()).ifPresent(v -> values.put("defaultCampaign", v));
        Optional.ofNullable(form.thankYouUrl()).ifPresent(v -> values.put("thankYouUrl", v));
        values.put("allowedOrigins", form.allowedOrigins().toString());
        Optional.ofNullable(form.booking()).ifPresent(b -> values.put("booking", b.toMap().toString()));
        return values;
    }

    public FormOutcome submit(String formKey, Map<String, String> submitted) {
        FormDefinition form = form(formKey);
        String honeypot = submitted.get(FormDefinition.HONEYPOT);
        if (honeypot != null && !honeypot.isBlank()) {
            return new FormOutcome.Spam(form);
        }
        Map<String, String> fields = new LinkedHashMap<>(submitted);
        fields.remove(FormDefinition.HONEYPOT);
        List<String> names = List.copyOf(fields.keySet());
        Map<String, String> mapping = new LinkedHashMap<>(form.fieldMapping());
        mapping.keySet().retainAll(fields.keySet());
        LeadDraft draft = new LeadDraft()
                .set(LeadField.SOURCE, form.defaultSource())
                .set(LeadField.CAMPAIGN, form.defaultCampaign());
        ColumnMapping.resolve(names, mapping).applyTo(draft, names.stream().map(fields::get).toList(), Set.of());
        LeadDraft.Validated validated = draft.build();
        if (validated instanceof LeadDraft.Validated.Invalid invalid) {
            return new FormOutcome.Invalid(form, invalid.errors());
        }
        LeadData data = ((LeadDraft.Validated.Valid) validated).data();
        CreateOutcome created = intake.create(data, Actor.form(form.key()), Optional.empty());
        if (created instanceof CreateOutcome.AlreadyExists exists) {
            return new FormOutcome.Accepted(form, exists.existing().id().toString());
        }
        if (created instanceof CreateOutcome.Duplicate duplicate) {
            // blocked as a duplicate: the visitor is thanked as usual; the existing record stands
            return new FormOutcome.Accepted(form, duplicate.of().reference());
        }
        if (created instanceof CreateOutcome.Merged merged) {
            return new FormOutcome.Accepted(form, merged.survivor().id().toString());
        }
        return new FormOutcome.Accepted(form, ((CreateOutcome.Created) created).lead().id().toString());
    }

    private static boolean absoluteHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
