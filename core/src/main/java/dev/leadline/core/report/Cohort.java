package dev.leadline.core.report;

import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The leads a cohort report counts: created in the period, not merged away, of the source, campaign,
 * queue (the first one it reached) and rep (who converted it, else who had it last) asked for; and
 * their grouping.
 */
final class Cohort {
    static final String NONE = "(none)";

    private Cohort() {}

    static boolean matches(LeadHistory lead, ReportFilter filter) {
        return !lead.mergedAway() && matches(lead.createdAt(), lead.source(), lead.campaign(), lead.queueId(), lead.repId(), filter);
    }

    static boolean matches(CohortLead lead, ReportFilter filter) {
        return !lead.mergedAway() && matches(lead.createdAt(), lead.source(), lead.campaign(), lead.queueId(), lead.repId(), filter);
    }

    private static boolean matches(Instant createdAt, String source, String campaign, Long queueId, Long repId, ReportFilter filter) {
        return !createdAt.isBefore(filter.from()) && createdAt.isBefore(filter.to()) && sameLead(source, campaign, filter)
                && filter.queue().map(q -> Long.valueOf(q.id()).equals(queueId)).orElse(true)
                && filter.rep().map(r -> Long.valueOf(r.id()).equals(repId)).orElse(true);
    }

    /** The lead's own fields asked for: source and campaign, ignoring case. */
    static boolean sameLead(LeadHistory lead, ReportFilter filter) {
        return sameLead(lead.source(), lead.campaign(), filter);
    }

    private static boolean sameLead(String source, String campaign, ReportFilter filter) {
        return filter.source().map(s -> s.equalsIgnoreCase(source)).orElse(true)
                && filter.campaign().map(c -> c.equalsIgnoreCase(campaign)).orElse(true);
    }

    /** The cohort's leads by group, groups in order of their names. */
    static Map<String, List<CohortLead>> grouped(List<CohortLead> leads, ReportFilter filter, TeamService team) {
        Function<CohortLead, String> key = key(filter.by(), filter.zone(), team);
        Map<String, List<CohortLead>> groups = new TreeMap<>();
        leads.stream().filter(l -> matches(l, filter)).forEach(l -> groups.computeIfAbsent(key.apply(l), k -> new java.util.ArrayList<>()).add(l));
        return groups;
    }

    private static Function<CohortLead, String> key(String by, ZoneId zone, TeamService team) {
        switch (by) {
            case "source": return l -> orNone(l.source());
            case "campaign": return l -> orNone(l.campaign());
            case "queue": return l -> l.queueId() == null ? NONE : team.queue(l.queueId()).map(LeadQueue::name).orElse("queue " + l.queueId());
            case "rep": return l -> l.repId() == null ? NONE : team.rep(l.repId()).map(Rep::email).orElse("rep " + l.repId());
            case "week": return l -> week(l.createdAt().atZone(zone).toLocalDate()).toString();
            case "month": return l -> l.createdAt().atZone(zone).toLocalDate().toString().substring(0, 7);
            default: return l -> "all";
        }
    }

    static LocalDate week(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? NONE : value;
    }
}
