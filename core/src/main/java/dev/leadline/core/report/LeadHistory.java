package dev.leadline.core.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One lead's facts in the order they happened, with what reports read from them: when it was created,
 * how far it got and when, whether its conversion stands, whether it was merged away, and the rep and
 * queue it is counted for. {@code source} and {@code campaign} are the lead's; {@code convertedAmount}
 * is the amount of the opportunity of its standing conversion (null when none); {@code enriched} names
 * the provider of each field enrichment gave it.
 */
public record LeadHistory(long leadId, String source, String campaign, List<LeadEvent> events, BigDecimal convertedAmount,
                          Map<String, String> enriched) {

    public LeadHistory {
        events = events.stream().sorted(Comparator.comparing(LeadEvent::at)).toList();
        enriched = Map.copyOf(enriched);
    }

    public LeadHistory(long leadId, String source, String campaign, List<LeadEvent> events, BigDecimal convertedAmount) {
        this(leadId, source, campaign, events, convertedAmount, Map.of());
    }

    public Instant createdAt() {
        return first(EventKind.CREATED).map(LeadEvent::at).orElse(events.isEmpty() ? Instant.EPOCH : events.get(0).at());
    }

    /** Merged into another lead and not unmerged: the survivor carries on, this one is not counted as a lead. */
    public boolean mergedAway() {
        boolean merged = false;
        for (LeadEvent e : events) {
            if (e.kind() == EventKind.MERGED) {
                merged = true;
            } else if (e.kind() == EventKind.UNMERGED) {
                merged = false;
            }
        }
        return merged;
    }

    /** The conversion that stands: the last one, unless it was undone. */
    public Optional<LeadEvent> conversion() {
        LeadEvent standing = null;
        for (LeadEvent e : events) {
            if (e.kind() == EventKind.CONVERTED) {
                standing = e;
            } else if (e.kind() == EventKind.UNCONVERTED) {
                standing = null;
            }
        }
        return Optional.ofNullable(standing);
    }

    public Optional<LeadEvent> disqualification() {
        LeadEvent last = null;
        for (LeadEvent e : events) {
            if (e.kind() == EventKind.DISQUALIFIED) {
                last = e;
            }
        }
        return Optional.ofNullable(last);
    }

    /** When the lead first reached {@code step} or a later one; empty when it never did. */
    public Optional<Instant> reached(FunnelStep step) {
        Instant at = null;
        for (LeadEvent e : events) {
            FunnelStep s = FunnelStep.reachedBy(e.kind());
            if (s != null && s.compareTo(step) >= 0 && (at == null || e.at().isBefore(at))) {
                at = e.at();
            }
        }
        Optional<LeadEvent> conversion = conversion();
        if (conversion.isPresent() && (at == null || conversion.get().at().isBefore(at))) {
            at = conversion.get().at();
        }
        return step == FunnelStep.CREATED ? Optional.of(createdAt()) : Optional.ofNullable(at);
    }

    /** The furthest step the lead had reached by {@code at}. */
    public FunnelStep furthestBy(Instant at) {
        FunnelStep furthest = FunnelStep.CREATED;
        for (FunnelStep step : FunnelStep.values()) {
            if (reached(step).filter(t -> !t.isAfter(at)).isPresent()) {
                furthest = step;
            }
        }
        return furthest;
    }

    /** The rep the lead counts for: who owned it when it was converted, else the last rep who had it. */
    public Long repId() {
        Optional<LeadEvent> conversion = conversion();
        if (conversion.isPresent() && conversion.get().repId() != null) {
            return conversion.get().repId();
        }
        Long rep = null;
        for (LeadEvent e : events) {
            if (e.repId() != null) {
                rep = e.repId();
            }
        }
        return rep;
    }

    /** The queue the lead counts for: the first it reached. */
    public Long queueId() {
        return events.stream().map(LeadEvent::queueId).filter(q -> q != null).findFirst().orElse(null);
    }

    /** When it first reached a queue or a rep. */
    public Optional<Instant> offeredAt() {
        return events.stream().filter(e -> e.kind() == EventKind.OFFERED || e.kind() == EventKind.ASSIGNED || e.kind() == EventKind.CLAIMED)
                .map(LeadEvent::at).findFirst();
    }

    public Optional<LeadEvent> first(EventKind kind) {
        return events.stream().filter(e -> e.kind() == kind).findFirst();
    }
}
