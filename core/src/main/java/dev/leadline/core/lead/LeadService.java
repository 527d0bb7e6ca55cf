package dev.leadline.core.lead;

import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.Page;
import java.util.EnumMap;
import java.util.Map;

/** Reads leads for people and integrations: single leads, list views and their counts. */
public final class LeadService {
    private final LeadRepository leads;

    public LeadService(LeadRepository leads) {
        this.leads = leads;
    }

    public Lead get(LeadId id) {
        return leads.find(id).orElseThrow(() -> new NotFoundException("lead", id));
    }

    public Page<Lead> list(LeadQuery query) {
        return leads.list(query);
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
            counts.put(view, leads.count(scope.withView(view)));
        }
        return counts;
    }
}
