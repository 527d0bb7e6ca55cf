package dev.leadline.core.dedupe;

import dev.leadline.core.common.ValidationException;
import dev.leadline.core.lead.LeadId;

/** Two different leads, without an order: {@code of(a, b)} equals {@code of(b, a)}. */
public record LeadPair(LeadId low, LeadId high) {
    public LeadPair {
        if (low.value() >= high.value()) {
            throw new ValidationException("leads", "a pair is two different leads, lower id first: " + low + ", " + high);
        }
    }

    public static LeadPair of(LeadId a, LeadId b) {
        if (a.equals(b)) {
            throw new ValidationException("other", a + " cannot be a duplicate of itself");
        }
        return a.value() < b.value() ? new LeadPair(a, b) : new LeadPair(b, a);
    }

    public boolean contains(LeadId lead) {
        return low.equals(lead) || high.equals(lead);
    }

    @Override
    public String toString() {
        return low + " and " + high;
    }
}
