package dev.leadline.core.enrichment;

import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadId;
import dev.leadline.core.lead.LeadRepository;
import dev.leadline.plugin.Enrichment;
import dev.leadline.plugin.FieldValue;
import dev.leadline.plugin.LeadSnapshot;
import dev.leadline.plugin.Score;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Enriches and scores leads that wait for it (new ones, and those whose enrichment has aged). Each
 * enriched value is kept beside the lead's own fields; only a cleaned value from a plugin configured to
 * write fields goes onto them, and only over what it cleaned ({@link FieldWriteback}): a value a person
 * or source gave otherwise always wins. For one field the most trusted provider wins (configured precedence, then
 * confidence, then the newer value). Scores from several providers are a weighted mean; the lead keeps
 * every provider's score and reasons. A provider's failure is recorded and the others' results stand.
 */
public final class EnrichmentService {
    private final LeadRepository leads;
    private final EnrichmentStore store;
    private final ProviderCalls providers;
    private final EnrichmentSettings settings;
    private final Clock clock;
    private final FieldWriteback writeback;
    private static final java.time.Duration RESCORE_ALL_EVERY = java.time.Duration.ofMinutes(1);
    private final java.util.concurrent.atomic.AtomicReference<Instant> lastRescoreAll = new java.util.concurrent.atomic.AtomicReference<>();

    public EnrichmentService(LeadRepository leads, EnrichmentStore store, ProviderCalls providers, EnrichmentSettings settings,
                             Clock clock, FieldWriteback writeback) {
        this.leads = leads;
        this.writeback = writeback;
        this.store = store;
        this.providers = providers;
        this.settings = settings;
        this.clock = clock;
    }

    /** Processes up to {@code limit} waiting leads; returns how many. */
    public int processPending(int limit) {
        Instant now = clock.instant();
        List<LeadId> due = store.pending(limit, now, now.minus(settings.refreshAfter()));
        due.forEach(this::process);
        return due.size();
    }

    /** Enriches and scores those of these just-arrived leads that nobody has enriched yet; returns how many. */
    public int processArrived(List<LeadId> arrived) {
        List<LeadId> waiting = store.neverEnriched(arrived);
        waiting.forEach(this::process);
        return waiting.size();
    }

    /** Enriches and scores one lead now, with its id in the log's MDC ({@code leadId}), also for what plugins log meanwhile. */
    public void process(LeadId id) {
        try (org.slf4j.MDC.MDCCloseable named = org.slf4j.MDC.putCloseable("leadId", id.toString())) {
            leads.find(id).ifPresent(lead -> merge(lead, providers.enrich(snapshot(lead, lead.enrichment()))));
        }
    }

    /**
     * Values a provider found after its call returned (e.g. by webhook): merged like any result, then
     * the lead is scored again. An unknown lead is refused.
     */
    public void deliver(LeadId id, String provider, List<FieldValue> values) {
        Lead lead = leads.find(id).orElseThrow(() -> new dev.leadline.core.common.NotFoundException("lead", id.toString()));
        merge(lead, List.of(ProviderCalls.Called.ok(provider, Enrichment.of(values))));
    }

    private void merge(Lead lead, List<ProviderCalls.Called<Enrichment>> results) {
        LeadId id = lead.id();
        Instant at = clock.instant();
        List<ProviderFailure> failures = new ArrayList<>();
        Map<String, Provenance> current = new HashMap<>(store.provenance(id));
        List<Provenance> changed = new ArrayList<>();
        for (ProviderCalls.Called<Enrichment> called : results) {
            if (called.failure() != null) {
                failures.add(new ProviderFailure(called.provider(), called.failure(), at));
                continue;
            }
            for (FieldValue value : called.value().values()) {
                Provenance offered = new Provenance(value.field(), value.value(), called.provider(), value.confidence(), at);
                Provenance held = current.get(value.field());
                if (held == null || wins(offered, held)) {
                    current.put(value.field(), offered);
                    changed.add(offered);
                }
            }
        }
        Map<String, String> values = new LinkedHashMap<>(lead.enrichment());
        changed.forEach(p -> values.put(p.field(), p.value()));
        Lead written = writeback.write(lead, offers(results, values), at);
        LeadSnapshot enriched = snapshot(written, values);
        List<ProviderScore> scores = new ArrayList<>();
        for (ProviderCalls.Called<Score> called : providers.score(enriched, store.activity(id))) {
            if (called.failure() != null) {
                failures.add(new ProviderFailure(called.provider(), called.failure(), at));
            } else {
                // an abstaining provider's reason is kept, its score does not count
                double weight = called.value().abstained() ? 0 : settings.weight(called.provider());
                scores.add(new ProviderScore(called.provider(), called.value().value(), weight, called.value().reasons(), at));
            }
        }
        store.save(id, values, changed, combined(scores).orElse(lead.score()), scores, failures, at);
    }

    /** The cleaned values of plugins that write fields, where they are what the lead's enrichment now holds for the field. */
    private List<FieldWriteback.Offer> offers(List<ProviderCalls.Called<Enrichment>> results, Map<String, String> values) {
        List<FieldWriteback.Offer> offers = new ArrayList<>();
        for (ProviderCalls.Called<Enrichment> called : results) {
            if (called.failure() != null || !providers.writesFields(called.provider())) {
                continue;
            }
            String plugin = called.provider().contains("/") ? called.provider().substring(0, called.provider().indexOf('/')) : called.provider();
            called.value().values().stream().filter(v -> v.isCleaned() && v.value().equals(values.get(v.field())))
                    .forEach(v -> offers.add(new FieldWriteback.Offer(plugin, v.field(), v.value(), v.cleanedFrom())));
        }
        return offers;
    }

    /**
     * Has every open lead scored again (a model learned from new outcomes): now, or a minute after the
     * last time when that was less than a minute ago, since each time touches every open lead. A request
     * is never dropped, only put off; requests while one is put off join it.
     */
    public void rescoreOpenLeads() {
        Instant now = clock.instant();
        Instant last = lastRescoreAll.get();
        if (last != null && last.isAfter(now)) {
            return; // one is already set for later, and it will score the leads as the model is then
        }
        Instant at = last == null || !now.isBefore(last.plus(RESCORE_ALL_EVERY)) ? now : last.plus(RESCORE_ALL_EVERY);
        if (lastRescoreAll.compareAndSet(last, at)) {
            store.dueOpen(at);
        }
    }

    /** What learning providers learn from: decided leads as snapshots, converted ones won. */
    public List<dev.leadline.plugin.Outcome> outcomes(int max) {
        return store.decided(max).stream().map(l -> new dev.leadline.plugin.Outcome(snapshot(l, l.enrichment()),
                l.status() == dev.leadline.core.lead.LeadStatus.CONVERTED)).toList();
    }

    /** What enrichment knows about the lead, with the lead's own fields that plugins wrote. */
    public LeadInsight insight(LeadId id) {
        LeadInsight insight = store.insight(id);
        return leads.find(id).map(lead -> insight.withWritten(writeback.written(lead))).orElse(insight);
    }

    /** The weighted mean of the providers' scores; empty when no provider scored (the lead keeps its score). */
    static Optional<Integer> combined(List<ProviderScore> scores) {
        double weights = scores.stream().mapToDouble(ProviderScore::weight).sum();
        if (scores.isEmpty() || weights <= 0) {
            return Optional.empty();
        }
        double sum = scores.stream().mapToDouble(s -> s.score() * s.weight()).sum();
        return Optional.of((int) Math.round(sum / weights));
    }

    private boolean wins(Provenance offered, Provenance held) {
        if (offered.provider().equals(held.provider())) {
            return true;
        }
        Comparator<Provenance> trust = Comparator.comparingInt((Provenance p) -> -settings.rank(p.provider()))
                .thenComparingDouble(Provenance::confidence);
        return trust.compare(offered, held) >= 0 || held.at().isBefore(clock.instant().minus(settings.refreshAfter()));
    }

    /** The lead as providers see it: its own fields by name ({@code custom.<name>} for custom ones) and the enrichment so far. */
    public static LeadSnapshot snapshot(Lead lead, Map<String, String> enrichment) {
        Map<String, String> fields = new LinkedHashMap<>();
        lead.data().fields().forEach((field, value) -> fields.put(field.jsonName(), value));
        lead.data().customFields().forEach((name, value) -> fields.put("custom." + name, value));
        return new LeadSnapshot(lead.id().toString(), fields, enrichment, lead.createdAt());
    }
}
