package dev.leadline.core.intake;

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
    private final Clock clock;

    public FormService(FormRepository forms, IntakeService intake, Clock clock) {
        this.forms = forms;
        this.intake = intake;
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
    public FormDefinition save(FormDefinition form) {
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
        try {
            ColumnMapping.resolve(List.copyOf(form.fieldMapping().keySet()), form.fieldMapping());
        } catch (ValidationException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new ValidationException("form", String.join("; ", problems));
        }
        return forms.upsert(form, clock.instant());
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
            return new FormOutcome.Accepted(form, exists.existing());
        }
        return new FormOutcome.Accepted(form, ((CreateOutcome.Created) created).lead());
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
