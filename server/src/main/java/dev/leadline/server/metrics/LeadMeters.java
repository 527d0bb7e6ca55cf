package dev.leadline.server.metrics;

import dev.leadline.core.activity.LeadFacts;
import dev.leadline.core.activity.LeadJournal;
import dev.leadline.core.common.Actor;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.routing.RoutingStore;
import dev.leadline.db.JooqTransactor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts leads as they are stored and routed, once their transaction has committed: leads created by
 * source, routing decisions by outcome, and how long a new lead waited to be placed. Sources are what
 * people type, so only the first {@value #SOURCES} seen get their own label; the rest count as {@code other}.
 */
public final class LeadMeters {
    static final int SOURCES = 50;
    /** The actor routing acts as ({@code RoutedLeads.ROUTING}). */
    private static final String ROUTING = "system/routing";
    private static final Set<dev.leadline.core.activity.ActivityType> PLACED = Set.of(
            dev.leadline.core.activity.ActivityType.ASSIGNED, dev.leadline.core.activity.ActivityType.OFFERED);

    private final MeterRegistry registry;
    private final Map<String, Counter> created = new ConcurrentHashMap<>();
    private final Timer placed;

    public LeadMeters(MeterRegistry registry) {
        this.registry = registry;
        this.placed = Meters.waits("leadline.routing.wait", "From a lead's creation to its first place (a rep or a queue) by routing")
                .register(registry);
    }

    /** Journals facts as {@code inner} does, and counts the leads created and first placed. */
    public LeadFacts counting(LeadFacts inner) {
        return new LeadFacts() {
            @Override
            public void created(List<Lead> leads, Actor actor) {
                inner.created(leads, actor);
                JooqTransactor.afterCommit(() -> leads.forEach(lead -> LeadMeters.this.created(lead.data().getOrNull(LeadField.SOURCE)).increment()));
            }

            @Override
            public void changed(List<LeadJournal.Change> changes, Actor actor) {
                inner.changed(changes, actor);
                if (!ROUTING.equals(actor.kind() + "/" + actor.name())) {
                    return; // a manager's first assignment is not routing's wait
                }
                List<Duration> waits = changes.stream()
                        .filter(c -> PLACED.contains(c.type()) && c.before().queueId() == null && c.before().ownerRepId() == null)
                        .map(c -> Duration.between(c.before().createdAt(), c.at())).filter(d -> !d.isNegative()).toList();
                if (!waits.isEmpty()) {
                    JooqTransactor.afterCommit(() -> waits.forEach(placed::record));
                }
            }

            @Override
            public void slaStep(Lead lead, String step, Instant at) {
                inner.slaStep(lead, step, at);
            }

            @Override
            public void updated(Lead before, Lead after) {
                inner.updated(before, after);
            }
        };
    }

    /** Counts routing decisions by outcome ({@code assign}, {@code offer}, {@code hold}, {@code keep}, {@code unrouted}). */
    public void decided(List<RoutingStore.Decision> decisions) {
        decisions.forEach(d -> registry.counter("leadline.routing.decisions", "outcome", d.outcome().toLowerCase(Locale.ROOT)).increment());
    }

    private Counter created(String source) {
        String label = source == null || source.isBlank() ? "none" : source.strip();
        Counter counter = created.get(label);
        if (counter != null) {
            return counter;
        }
        String kept = created.size() < SOURCES ? label : "other";
        return created.computeIfAbsent(kept, s -> Counter.builder("leadline.leads.received").tag("source", s)
                .description("Leads stored, by their source field (API, form, import, chat and integrations alike)").register(registry));
    }
}
