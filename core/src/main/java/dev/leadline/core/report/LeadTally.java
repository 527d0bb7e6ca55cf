package dev.leadline.core.report;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one lead adds to the funnel, conversion, trend and rep reports, worked out from its whole history:
 * entries at the instant they count for, each with the queue and rep it counts for. Cohort entries (the
 * lead, the steps it reached, the time between steps, its disqualification) count at its creation, for
 * the queue and rep the cohort reports name, and so do the fields enrichment gave it; a lead merged away
 * adds none. Event entries (assigned,
 * claimed, touched, contact attempts, SLA steps, qualified, disqualified, a standing conversion) count
 * when they happened, for the rep and queue the lead was with right after. Times are in steps
 * ({@link Stats#step}).
 */
public final class LeadTally {
    static final String LEAD = "lead";
    static final String REACHED = "reached";
    static final String GAP = "gap:";
    static final String DISQUALIFIED_AT = "disq:";
    static final String ROUTED = "routed";
    static final String ASSIGNED = "assigned";
    static final String CLAIMED = "claimed";
    static final String TO_CLAIM = "toClaim";
    static final String TOUCHED = "touched";
    static final String ATTEMPT = "attempt";
    static final String SLA = "sla";
    static final String QUALIFIED = "qualified";
    static final String DISQUALIFIED = "disqualified";
    static final String CONVERTED = "converted";
    /** A field enrichment gave the lead; its detail is the field and the provider, apart by {@link #APART}. */
    static final String ENRICHED = "enriched";
    static final String APART = "\u001f";

    /** Receives the entries of a lead at their exact instants. */
    interface Entries {
        void add(Instant at, Long queueId, Long repId, String metric, String detail, BigDecimal amount);
    }

    private LeadTally() {}

    /** The lead's entries, each in its UTC hour. */
    public static Tally of(LeadHistory h) {
        Tally tally = new Tally();
        String source = orEmpty(h.source());
        String campaign = orEmpty(h.campaign());
        entries(h, (at, queue, rep, metric, detail, amount) -> tally.add(new Tally.Key(Math.floorDiv(at.getEpochSecond(), 3600),
                queue == null ? 0 : queue, rep == null ? 0 : rep, source, campaign, metric, detail), 1, amount));
        return tally;
    }

    static void entries(LeadHistory h, Entries out) {
        CohortLead lead = CohortLead.of(h);
        if (!lead.mergedAway()) {
            Instant created = lead.createdAt();
            out.add(created, lead.queueId(), lead.repId(), LEAD, "", null);
            FunnelStep[] steps = FunnelStep.values();
            for (int i = 1; i < steps.length; i++) {
                Optional<Instant> at = lead.reached(steps[i]);
                if (at.isPresent()) {
                    out.add(created, lead.queueId(), lead.repId(), REACHED, steps[i].label(),
                            steps[i] == FunnelStep.CONVERTED ? lead.convertedAmount() : null);
                    long gap = Duration.between(lead.reached(steps[i - 1]).orElseThrow(), at.get()).toSeconds();
                    out.add(created, lead.queueId(), lead.repId(), GAP + steps[i].label(), Long.toString(Stats.step(gap)), null);
                }
            }
            h.enriched().forEach((field, provider) -> out.add(created, lead.queueId(), lead.repId(), ENRICHED, field + APART + provider, null));
            if (lead.disqualifiedStep() != null) {
                out.add(created, lead.queueId(), lead.repId(), DISQUALIFIED_AT + lead.disqualifiedStep().label(), reason(lead.disqualifiedReason()), null);
            }
        }
        Optional<LeadEvent> firstClaim = h.first(EventKind.CLAIMED);
        Optional<LeadEvent> conversion = h.conversion();
        for (LeadEvent e : h.events()) {
            switch (e.kind()) {
                case ASSIGNED -> out.add(e.at(), e.queueId(), e.repId(), "manager".equals(e.detail()) ? ASSIGNED : ROUTED, "", null);
                case CLAIMED -> {
                    out.add(e.at(), e.queueId(), e.repId(), CLAIMED, "", null);
                    if (firstClaim.filter(e::equals).isPresent()) {
                        h.offeredAt().ifPresent(offered -> out.add(e.at(), e.queueId(), e.repId(), TO_CLAIM,
                                Long.toString(Stats.step(Duration.between(offered, e.at()).toSeconds())), null));
                    }
                }
                case TOUCHED -> out.add(e.at(), e.queueId(), e.repId(), TOUCHED,
                        Long.toString(Stats.step(Duration.between(h.createdAt(), e.at()).toSeconds())), null);
                case CONTACT_ATTEMPT -> out.add(e.at(), e.queueId(), e.repId(), ATTEMPT, "", null);
                case SLA -> out.add(e.at(), e.queueId(), e.repId(), SLA, reason(e.detail()), null);
                case QUALIFIED -> {
                    if (!lead.mergedAway()) {
                        out.add(e.at(), e.queueId(), e.repId(), QUALIFIED, "", null);
                    }
                }
                case DISQUALIFIED -> {
                    if (!lead.mergedAway()) {
                        out.add(e.at(), e.queueId(), e.repId(), DISQUALIFIED, reason(e.detail()), null);
                    }
                }
                case CONVERTED -> {
                    if (conversion.filter(e::equals).isPresent()) {
                        out.add(e.at(), e.queueId(), e.repId(), CONVERTED, "", h.convertedAmount());
                    }
                }
                default -> { }
            }
        }
    }

    private static String reason(String detail) {
        return detail == null ? Cohort.NONE : detail;
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
