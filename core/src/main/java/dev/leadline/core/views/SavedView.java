package dev.leadline.core.views;

import dev.leadline.core.lead.LeadFilter;
import dev.leadline.core.lead.LeadQuery;
import dev.leadline.core.lead.LeadSort;
import dev.leadline.core.lead.LeadView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A stored custom list view; {@code ownerRepId} empty means shared with everyone. */
public record SavedView(long id, String name, Optional<Long> ownerRepId, LeadView base, List<LeadFilter> filters, LeadSort sort,
                        Instant createdAt, Instant updatedAt) {

    public SavedView {
        filters = List.copyOf(filters);
    }

    /** The query that opens this view within a scope; a personal "mine"-based view defaults to its owner. */
    public LeadQuery applyTo(LeadQuery scope) {
        LeadQuery scoped = scope.ownerRepId().isEmpty() && base == LeadView.MINE ? scope.withOwner(ownerRepId) : scope;
        return scoped.withView(base).withFilters(filters, sort);
    }

    public boolean visibleTo(Optional<Long> rep) {
        return ownerRepId.isEmpty() || rep.isEmpty() || ownerRepId.equals(rep);
    }
}
