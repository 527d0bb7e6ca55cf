package dev.leadline.core.lead;

import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.Page;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Reads leads for people and integrations: single leads, list views and their counts. Every query
 * is judged by this installation's idle period.
 */
public final class LeadService {
    /** Merges of merges are followed this far (a chain longer than this would be a bug, not a choice). */
    private static final int MAX_MERGE_HOPS = 20;
    private final LeadRepository leads;
    private final Duration idleAfter;

    public LeadService(LeadRepository leads, Duration idleAfter) {
        this.leads = leads;
        this.idleAfter = idleAfter;
    }

    public LeadService(LeadRepository leads) {
        this(leads, LeadQuery.DEFAULT_IDLE_AFTER);
    }

    /** The lead with this id; for a lead merged into another, the lead it was merged into. */
    public Lead get(LeadId id) {
        Lead lead = leads.find(id).orElseThrow(() -> new NotFoundException("lead", id));
        for (int hops = 0; lead.status() == LeadStatus.MERGED && hops < MAX_MERGE_HOPS; hops++) {
            lead = leads.find(LeadId.parse(lead.stage().statusReason())).orElse(lead);
        }
        return lead;
    }

    /** A lead as a person names it: {@code L-42}, {@code 42}, or its email address. */
    public Lead byReference(String reference) {
        String ref = reference.strip();
        if (ref.contains("@")) {
            return leads.findByEmailKeys(java.util.List.of(ref.toLowerCase(java.util.Locale.ROOT))).values().stream().findFirst()
                    .map(this::get).orElseThrow(() -> new NotFoundException("lead with email", ref));
        }
        return get(LeadId.parse(ref));
    }

    public Page<Lead> list(LeadQuery query) {
        return leads.list(query.withIdleAfter(idleAfter));
    }

    public long count(LeadQuery query) {
        return leads.count(query.withIdleAfter(idleAfter));
    }

    /** The query's view for everyone narrowed to each of these owners' leads, at once ({@link LeadRepository#countByOwner}). */
    public Map<Long, Long> countByOwner(LeadQuery query, java.util.Collection<Long> owners) {
        return leads.countByOwner(query.withIdleAfter(idleAfter), owners);
    }

    /** How many leads each view holds for the query's owner (or everyone); views needing a queue are left out. */
    public Map<LeadView, Long> counts(LeadQuery scope) {
        Map<LeadView, Long> counts = new EnumMap<>(LeadView.class);
        for (LeadView view : LeadView.values()) {
            if (view == LeadView.QUEUE && scope.queueId().isEmpty()) {
                continue;
            }
            if (view == LeadView.MINE && scope.ownerRepId().isEmpty()) {
                continue;
            }
            counts.put(view, count(scope.withView(view)));
        }
        return counts;
    }
}
