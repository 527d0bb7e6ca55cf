package dev.leadline.core.report;

import dev.leadline.core.team.Rep;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Each rep's work in the period, from the facts that name the rep (the rep who had the lead right
 * after each one): leads received, time to claim and to first touch, SLA steps, contact attempts,
 * meetings, outcomes; and the open work they have now.
 */
final class RepReport {
    static final List<String> BY = List.of("rep");
    static final List<String> COLUMNS = List.of("rep", "name", "routed", "assigned", "claimed", "medianSecondsToClaim", "p90SecondsToClaim",
            "medianSecondsToFirstTouch", "p90SecondsToFirstTouch", "slaBreaches", "contactAttempts", "meetingsBooked", "meetingsHeld",
            "meetingsNoShow", "qualified", "converted", "convertedAmount", "disqualified", "overdueTasks", "noUpcoming");

    /** What a rep has open now: leads with an overdue task, open leads with nothing booked. */
    record OpenWork(long overdue, long noUpcoming) {}

    private RepReport() {}

    static Map<String, Object> row(Rep rep, List<LeadHistory> leads, List<MeetingFact> meetings, ReportFilter filter, OpenWork open,
                                   Cells cells) {
        Counts c = new Counts(rep.email(), cells);
        for (LeadHistory lead : leads) {
            if (Cohort.sameLead(lead, filter)) {
                lead.events().stream().filter(e -> inPeriod(e.at(), filter) && Long.valueOf(rep.id()).equals(e.repId())
                        && filter.queue().map(q -> Long.valueOf(q.id()).equals(e.queueId())).orElse(true)).forEach(e -> c.add(lead, e));
            }
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("rep", rep.email());
        row.put("name", rep.name());
        row.put("routed", c.routed);
        row.put("assigned", c.assigned);
        row.put("claimed", c.claimed);
        row.put("medianSecondsToClaim", Stats.percentileSeconds(c.toClaim, 50));
        row.put("p90SecondsToClaim", Stats.percentileSeconds(c.toClaim, 90));
        row.put("medianSecondsToFirstTouch", Stats.percentileSeconds(c.toTouch, 50));
        row.put("p90SecondsToFirstTouch", Stats.percentileSeconds(c.toTouch, 90));
        row.put("slaBreaches", c.sla);
        row.put("contactAttempts", c.attempts);
        return rest(row, rep, meetings, filter, open, cells, c.qualified, c.converted, c.amount, c.disqualified);
    }

    /** The same row from the sums of the rep's tally entries ({@link LeadTally}). */
    static Map<String, Object> row(Rep rep, TallyReports.Sums sums, MeetingFact.Counts meetings, OpenWork open) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("rep", rep.email());
        row.put("name", rep.name());
        row.put("routed", sums.count(LeadTally.ROUTED));
        row.put("assigned", sums.count(LeadTally.ASSIGNED));
        row.put("claimed", sums.count(LeadTally.CLAIMED));
        Map<String, Long> toClaim = sums.byDetail(LeadTally.TO_CLAIM);
        Map<String, Long> toTouch = sums.byDetail(LeadTally.TOUCHED);
        row.put("medianSecondsToClaim", Stats.percentileSeconds(toClaim, 50));
        row.put("p90SecondsToClaim", Stats.percentileSeconds(toClaim, 90));
        row.put("medianSecondsToFirstTouch", Stats.percentileSeconds(toTouch, 50));
        row.put("p90SecondsToFirstTouch", Stats.percentileSeconds(toTouch, 90));
        row.put("slaBreaches", sums.byDetail(LeadTally.SLA));
        row.put("contactAttempts", sums.count(LeadTally.ATTEMPT));
        return rest(row, meetings, open, sums.count(LeadTally.QUALIFIED), sums.count(LeadTally.CONVERTED), sums.amount(LeadTally.CONVERTED, ""),
                sums.byDetail(LeadTally.DISQUALIFIED));
    }

    private static Map<String, Object> rest(Map<String, Object> row, Rep rep, List<MeetingFact> meetings, ReportFilter filter, OpenWork open,
                                            Cells cells, long qualified, long converted, BigDecimal amount, Map<String, Long> disqualified) {
        List<MeetingFact> own = meetings.stream().filter(m -> m.repId() == rep.id()).toList();
        MeetingFact.Counts counted = new MeetingFact.Counts(
                meetings(own, m -> inPeriod(m.bookedAt(), filter), MeetingFact::bookedAt, rep, "meetingsBooked", cells),
                meetings(own, m -> inPeriod(m.startsAt(), filter) && "HELD".equals(m.outcome()), MeetingFact::startsAt, rep, "meetingsHeld", cells),
                meetings(own, m -> inPeriod(m.startsAt(), filter) && "NO_SHOW".equals(m.outcome()), MeetingFact::startsAt, rep, "meetingsNoShow",
                        cells));
        return rest(row, counted, open, qualified, converted, amount, disqualified);
    }

    private static Map<String, Object> rest(Map<String, Object> row, MeetingFact.Counts meetings, OpenWork open, long qualified, long converted,
                                            BigDecimal amount, Map<String, Long> disqualified) {
        row.put("meetingsBooked", meetings.booked());
        row.put("meetingsHeld", meetings.held());
        row.put("meetingsNoShow", meetings.noShow());
        row.put("qualified", qualified);
        row.put("converted", converted);
        row.put("convertedAmount", Stats.amount(amount));
        row.put("disqualified", disqualified);
        row.put("overdueTasks", open.overdue());
        row.put("noUpcoming", open.noUpcoming());
        return row;
    }

    private static long meetings(List<MeetingFact> own, Predicate<MeetingFact> counted, Function<MeetingFact, Instant> at, Rep rep,
                                 String column, Cells cells) {
        List<MeetingFact> kept = own.stream().filter(counted).toList();
        kept.forEach(m -> cells.add(rep.email(), column, m.leadId(), at.apply(m)));
        return kept.size();
    }

    static boolean inPeriod(Instant at, ReportFilter filter) {
        return !at.isBefore(filter.from()) && at.isBefore(filter.to());
    }

    /** One rep's counters over the facts that name them. */
    private static final class Counts {
        long routed;
        long assigned;
        long claimed;
        long attempts;
        long qualified;
        long converted;
        BigDecimal amount = BigDecimal.ZERO;
        final List<Duration> toClaim = new ArrayList<>();
        final List<Duration> toTouch = new ArrayList<>();
        final Map<String, Long> sla = new TreeMap<>();
        final Map<String, Long> disqualified = new TreeMap<>();
        private final String rep;
        private final Cells cells;

        Counts(String rep, Cells cells) {
            this.rep = rep;
            this.cells = cells;
        }

        private void note(String column, LeadEvent e) {
            cells.add(rep, column, e.leadId(), e.at(), e.detail());
        }

        void add(LeadHistory lead, LeadEvent e) {
            switch (e.kind()) {
                case ASSIGNED -> {
                    if ("manager".equals(e.detail())) {
                        assigned++;
                        note("assigned", e);
                    } else {
                        routed++;
                        note("routed", e);
                    }
                }
                case CLAIMED -> {
                    claimed++;
                    note("claimed", e);
                    if (lead.first(EventKind.CLAIMED).filter(e::equals).isPresent()) {
                        lead.offeredAt().ifPresent(offered -> toClaim.add(Duration.between(offered, e.at())));
                    }
                }
                case TOUCHED -> toTouch.add(Duration.between(lead.createdAt(), e.at()));
                case CONTACT_ATTEMPT -> {
                    attempts++;
                    note("contactAttempts", e);
                }
                case SLA -> sla.merge(e.detail() == null ? Cohort.NONE : e.detail(), 1L, Long::sum);
                case QUALIFIED -> {
                    if (!lead.mergedAway()) {
                        qualified++;
                        note("qualified", e);
                    }
                }
                case DISQUALIFIED -> {
                    if (!lead.mergedAway()) {
                        disqualified.merge(e.detail() == null ? Cohort.NONE : e.detail(), 1L, Long::sum);
                    }
                }
                case CONVERTED -> {
                    if (lead.conversion().filter(e::equals).isPresent()) {
                        converted++;
                        note("converted", e);
                        amount = lead.convertedAmount() == null ? amount : amount.add(lead.convertedAmount());
                    }
                }
                default -> { }
            }
        }
    }
}
