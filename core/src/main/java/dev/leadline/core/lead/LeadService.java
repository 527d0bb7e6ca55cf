package dev.leadline.core.lead;

import dev.leadline.core.common.NotFoundException;
import dev.leadline.core.common.Page;

/** Reads leads for people and integrations. */
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
}
