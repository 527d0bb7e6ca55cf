package dev.leadline.core.enrichment;

import dev.leadline.core.account.AccountMatching;
import dev.leadline.core.activity.AuditEntry;
import dev.leadline.core.activity.AuditLog;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.common.Actor;
import dev.leadline.core.common.Transactor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadDraft;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.core.lead.LeadStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes providers' cleaned values onto a lead's own fields, for the plugins whose settings allow it.
 * A value is written only while the lead's field still holds exactly what the provider cleaned (or is
 * still empty, for a value that fills it) and no one but a plugin has changed that field since the
 * lead arrived: a rep's or a source's later value, or a concurrent edit, always stands. Each plugin's
 * writes are one change of the lead (its version moves on, its duplicate keys are indexed again, its
 * account is matched again), named on the timeline with the values before and after, by the plugin.
 */
public final class FieldWriteback {
    /** Fields that say who a lead is or where it came from: no plugin writes them. */
    private static final Set<LeadField> NEVER = EnumSet.of(LeadField.EMAIL, LeadField.EXTERNAL_ID, LeadField.SOURCE, LeadField.CAMPAIGN);
    private static final String PLUGIN = "plugin";

    private final Transactor transactor;
    private final LeadRepository leads;
    private final LeadJournal journal;
    private final AuditLog audit;
    private final AccountMatching accounts;

    /** A cleaned value that one plugin offers for one of the lead's own fields ({@code cleanedFrom}: what it cleaned, "" for none). */
    public record Offer(String plugin, String field, String value, String cleanedFrom) {}

    public FieldWriteback(Transactor transactor, LeadRepository leads, LeadJournal journal, AuditLog audit, AccountMatching accounts) {
        this.transactor = transactor;
        this.leads = leads;
        this.journal = journal;
        this.audit = audit;
        this.accounts = accounts;
    }

    /** Writes the offers that may be written, in one transaction; the lead as it is then ({@code lead} itself when there were no offers). */
    public Lead write(Lead lead, List<Offer> offers, Instant at) {
        if (offers.isEmpty()) {
            return lead;
        }
        return transactor.inTransaction(() -> {
            Lead current = leads.findForUpdate(lead.id()).orElse(null);
            if (current == null || current.status() == LeadStatus.MERGED) {
                return lead;
            }
            Map<String, AuditEntry> changes = lastChanges(current);
            Map<String, Map<LeadField, Offer>> byPlugin = new LinkedHashMap<>();
            for (Offer offer : offers) {
                writable(current, offer, changes).ifPresent(field -> byPlugin.computeIfAbsent(offer.plugin(), p -> new EnumMap<>(LeadField.class))
                        .putIfAbsent(field, offer));
            }
            if (byPlugin.isEmpty()) {
                return current;
            }
            for (Map.Entry<String, Map<LeadField, Offer>> writes : byPlugin.entrySet()) {
                current = apply(current, writes.getKey(), writes.getValue(), at);
            }
            accounts.matchAll(List.of(current));
            return current;
        });
    }

    /** The lead's own fields whose values a plugin wrote and no one has changed since. */
    public List<FieldWrite> written(Lead lead) {
        List<FieldWrite> written = new ArrayList<>();
        lastChanges(lead).forEach((name, entry) -> LeadField.byName(name)
                .filter(field -> entry.actor().kind().equals(PLUGIN) && lead.data().get(field).orElse("").equals(entry.after().get(name)))
                .ifPresent(field -> written.add(new FieldWrite(name, entry.after().get(name), entry.before().getOrDefault(name, ""),
                        entry.actor().name(), entry.occurredAt()))));
        return written;
    }

    /** The standard field the offer may be written to, with its value as intake would store it; empty when it must be left alone. */
    private static Optional<LeadField> writable(Lead lead, Offer offer, Map<String, AuditEntry> changes) {
        Optional<LeadField> field = LeadField.byName(offer.field()).filter(f -> !NEVER.contains(f));
        if (field.isEmpty()) {
            return Optional.empty();
        }
        String now = lead.data().get(field.get()).orElse("");
        AuditEntry changed = changes.get(offer.field());
        boolean setByPerson = changed != null && !changed.actor().kind().equals(PLUGIN);
        Optional<String> value = LeadDraft.normalised(field.get(), offer.value());
        return now.equals(offer.cleanedFrom()) && !setByPerson && value.isPresent() && !value.get().equals(now) ? field : Optional.empty();
    }

    private Lead apply(Lead lead, String plugin, Map<LeadField, Offer> writes, Instant at) {
        Map<LeadField, String> fields = new EnumMap<>(LeadField.class);
        fields.putAll(lead.data().fields());
        List<String> said = new ArrayList<>();
        writes.forEach((field, offer) -> {
            String value = LeadDraft.normalised(field, offer.value()).orElseThrow();
            String before = fields.getOrDefault(field, "");
            fields.put(field, value);
            said.add(field.jsonName() + " set to " + value + (before.isEmpty() ? " (was empty)" : " from '" + before + "'"));
        });
        Lead after = leads.updateData(lead, new LeadData(fields, lead.data().customFields()), at);
        journal.updated(lead, after, Actor.plugin(plugin), String.join(", ", said) + " by " + plugin, at);
        return after;
    }

    /** For each of the lead's values changed after it arrived, the last change (its audit record), by name. */
    private Map<String, AuditEntry> lastChanges(Lead lead) {
        Map<String, AuditEntry> last = new HashMap<>();
        for (AuditEntry entry : audit.forEntity(LeadJournal.ENTITY, lead.id().toString())) {
            if (!entry.action().equals("created")) {
                entry.after().keySet().forEach(name -> last.put(name, entry));
            }
        }
        return last;
    }
}
