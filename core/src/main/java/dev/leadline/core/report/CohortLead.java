package dev.leadline.core.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * What the funnel and conversion reports read of one lead, worked out once from its whole history: when
 * it was created and whether it was merged away, the queue and rep it counts for, when it reached each
 * step (or a later one), its last disqualification with the furthest step it had reached by then, and
 * whether its conversion stands. {@code source}, {@code campaign} and {@code convertedAmount} are the
 * lead's now. A {@code null} instant is a step never reached.
 */
public record CohortLead(long leadId, String source, String campaign, Instant createdAt, boolean mergedAway, Long queueId, Long repId,
                         Instant contactedAt, Instant engagedAt, Instant qualifiedAt, Instant convertedAt, Instant disqualifiedAt,
                         String disqualifiedReason, FunnelStep disqualifiedStep, BigDecimal convertedAmount) {

    public static CohortLead of(LeadHistory h) {
        Optional<LeadEvent> disqualified = h.disqualification();
        return new CohortLead(h.leadId(), h.source(), h.campaign(), h.createdAt(), h.mergedAway(), h.queueId(), h.repId(),
                h.reached(FunnelStep.CONTACTED).orElse(null), h.reached(FunnelStep.ENGAGED).orElse(null),
                h.reached(FunnelStep.QUALIFIED).orElse(null), h.conversion().map(LeadEvent::at).orElse(null),
                disqualified.map(LeadEvent::at).orElse(null), disqualified.map(LeadEvent::detail).orElse(null),
                disqualified.map(d -> h.furthestBy(d.at())).orElse(null), h.convertedAmount());
    }

    /** The same lead with its current source, campaign and converted amount. */
    public CohortLead withLead(String source, String campaign, BigDecimal amount) {
        return new CohortLead(leadId, source, campaign, createdAt, mergedAway, queueId, repId, contactedAt, engagedAt, qualifiedAt, convertedAt,
                disqualifiedAt, disqualifiedReason, disqualifiedStep, amount);
    }

    public boolean converted() {
        return convertedAt != null;
    }

    /** When the lead first reached {@code step} or a later one; empty when it never did. */
    public Optional<Instant> reached(FunnelStep step) {
        switch (step) {
            case CREATED: return Optional.of(createdAt);
            case CONTACTED: return Optional.ofNullable(contactedAt);
            case ENGAGED: return Optional.ofNullable(engagedAt);
            case QUALIFIED: return Optional.ofNullable(qualifiedAt);
            default: return Optional.ofNullable(convertedAt);
        }
    }
}
