package dev.leadline.core.report;

import dev.leadline.core.routing.Explanation.CandidateNote;
import dev.leadline.core.routing.Explanation.QueueStep;
import dev.leadline.core.team.TeamService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per queue, period and member, from routing's stored decisions: how many leads the queue's strategy
 * handed the member against what their weight among the members eligible each time would give, and
 * how often and why the member was skipped.
 */
final class FairnessReport {
    static final List<String> BY = List.of("none", "day", "week", "month");
    static final List<String> COLUMNS = List.of("queue", "period", "strategy", "rep", "weight", "considered", "eligible", "leads",
            "queueLeads", "share", "expectedLeads", "expectedShare", "skipped", "skippedFor");
    /** Why a member was skipped, as the explanation says it, without its particulars (until when, how many). */
    static final List<String> REASONS = List.of("inactive", "paused", "out of office", "outside working hours", "at capacity", "capped",
            "has it now", "already had this lead");
    static final List<String> SKIP_COLUMNS = List.of("lead", "at", "queue", "rep", "reason", "detail");
    private static final Pattern STATED_WEIGHT = Pattern.compile("weight (\\d+)");

    private FairnessReport() {}

    static ReportTable of(List<RoutingHistory.Decided> decisions, ReportFilter filter, TeamService team, Cells cells) {
        Map<List<String>, Group> groups = new TreeMap<>(Comparator.<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1)));
        for (RoutingHistory.Decided decided : decisions) {
            Instant at = decided.explanation().decidedAt();
            for (QueueStep step : decided.explanation().queues()) {
                if (filter.queue().map(q -> q.id() != step.queueId()).orElse(false)) {
                    continue;
                }
                String queue = team.queue(step.queueId()).map(q -> q.name()).orElse(step.queue());
                List<String> key = List.of(queue, period(at, filter));
                groups.computeIfAbsent(key, k -> new Group()).add(step, team, new Noted(key, decided.lead().value(), at, cells));
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        groups.forEach((key, group) -> group.members.values().stream()
                .filter(m -> filter.rep().map(r -> r.id() == m.repId).orElse(true))
                .sorted(Comparator.comparing((Member m) -> m.rep).thenComparingLong(m -> m.repId))
                .forEach(m -> rows.add(m.row(key.get(0), key.get(1), group))));
        return new ReportTable("fairness", filter, COLUMNS, rows);
    }

    /** The day, the Monday of the week or the month {@code at} falls in, in the report's zone; {@code all} for {@code by=none}. */
    static String period(Instant at, ReportFilter filter) {
        java.time.LocalDate day = at.atZone(filter.zone()).toLocalDate();
        return switch (filter.by()) {
            case "day" -> day.toString();
            case "week" -> Cohort.week(day).toString();
            case "month" -> day.toString().substring(0, 7);
            default -> "all";
        };
    }

    /**
     * The leads members were skipped for, newest first: at most {@code limit}, after the first {@code offset}
     * (one more is read than shown, so that the caller can tell there are more).
     */
    static ReportTable skips(List<RoutingHistory.Decided> decisions, ReportFilter filter, TeamService team, int offset, int limit) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = decisions.size() - 1; i >= 0 && rows.size() < offset + limit + 1; i--) {
            RoutingHistory.Decided decided = decisions.get(i);
            for (QueueStep step : decided.explanation().queues()) {
                if (filter.queue().map(q -> q.id() != step.queueId()).orElse(false)) {
                    continue;
                }
                for (CandidateNote note : step.candidates()) {
                    if (note.verdict().equals("skipped") && filter.rep().map(r -> r.id() == note.repId()).orElse(true)) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("lead", decided.lead().toString());
                        row.put("at", decided.explanation().decidedAt().toString());
                        row.put("queue", team.queue(step.queueId()).map(q -> q.name()).orElse(step.queue()));
                        row.put("rep", email(note, team));
                        row.put("reason", reason(note.reason()));
                        row.put("detail", note.reason());
                        rows.add(row);
                    }
                }
            }
        }
        return new ReportTable("fairness-skips", filter, SKIP_COLUMNS, rows.subList(Math.min(offset, rows.size()),
                Math.min(offset + limit + 1, rows.size())));
    }

    private static String email(CandidateNote note, TeamService team) {
        return team.rep(note.repId()).map(r -> r.email()).orElse(note.rep());
    }

    /** The explanation's reason without its particulars ("out of office until …" is "out of office"). */
    static String reason(String stated) {
        if (stated == null) {
            return "unknown";
        }
        return REASONS.stream().filter(stated::startsWith).findFirst().orElse(stated);
    }

    /** The member's weight then; for decisions stored before it was kept, as the strategy stated it, else today's. */
    static int weight(CandidateNote note, long queueId, TeamService team) {
        return statedWeight(note).orElseGet(() -> team.queue(queueId).map(q -> q.routing().weight(note.repId())).orElse(1));
    }

    /** The member's weight as the decision kept it, or as the strategy stated it in decisions stored before. */
    static java.util.Optional<Integer> statedWeight(CandidateNote note) {
        if (note.weight() != null) {
            return java.util.Optional.of(note.weight());
        }
        Matcher stated = note.state() == null ? null : STATED_WEIGHT.matcher(note.state());
        if (stated != null && stated.find()) {
            return java.util.Optional.of(Integer.parseInt(stated.group(1)));
        }
        return java.util.Optional.empty();
    }

    /** Notes a decision's lead in the cells of one queue and period. */
    private record Noted(List<String> group, long leadId, Instant at, Cells cells) {
        void add(String rep, String column, String why) {
            cells.add(Cells.key(group.get(0), group.get(1), rep), column, leadId, at, why);
        }
    }

    /**
     * The value counted most often: of a queue's strategies or a member's weights in a period (a change
     * of either within it shows as the one most decisions used); among equals the greatest (by number
     * when they are numbers). {@code none} when there is none.
     */
    static String mostUsed(Map<String, Long> counts, String none) {
        java.util.Comparator<String> order = (a, b) -> a.matches("\\d{1,9}") && b.matches("\\d{1,9}")
                ? Integer.compare(Integer.parseInt(a), Integer.parseInt(b)) : a.compareTo(b);
        return counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(order)))
                .map(Map.Entry::getKey).orElse(none);
    }

    /** One queue in one period. */
    private static final class Group {
        final Map<String, Long> strategies = new TreeMap<>();
        final Map<Long, Member> members = new LinkedHashMap<>();
        long handedOut;

        void add(QueueStep step, TeamService team, Noted noted) {
            strategies.merge(step.strategy() == null ? "" : step.strategy(), 1L, Long::sum);
            List<CandidateNote> eligible = step.candidates().stream().filter(c -> !c.verdict().equals("skipped")).toList();
            boolean handed = step.candidates().stream().anyMatch(c -> c.verdict().equals("chosen"));
            double weights = eligible.stream().mapToInt(c -> weight(c, step.queueId(), team)).sum();
            handedOut += handed ? 1 : 0;
            for (CandidateNote note : step.candidates()) {
                Member m = members.computeIfAbsent(note.repId(), id -> new Member(id, email(note, team)));
                m.weights.merge(Integer.toString(weight(note, step.queueId(), team)), 1L, Long::sum);
                m.considered++;
                noted.add(m.rep, "considered", note.reason());
                if (note.verdict().equals("skipped")) {
                    m.skipped.merge(reason(note.reason()), 1L, Long::sum);
                    noted.add(m.rep, "skipped", note.reason());
                    continue;
                }
                m.eligible++;
                noted.add(m.rep, "eligible", null);
                if (note.verdict().equals("chosen")) {
                    m.leads++;
                    noted.add(m.rep, "leads", null);
                }
                m.expected += handed && weights > 0 ? weight(note, step.queueId(), team) / weights : 0;
            }
        }
    }

    /** A member's tallies in one queue and period. */
    private static final class Member {
        final long repId;
        final String rep;
        final Map<String, Long> skipped = new TreeMap<>();
        final Map<String, Long> weights = new TreeMap<>();
        long considered;
        long eligible;
        long leads;
        double expected;

        Member(long repId, String rep) {
            this.repId = repId;
            this.rep = rep;
        }

        Map<String, Object> row(String queue, String period, Group group) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("queue", queue);
            row.put("period", period);
            row.put("strategy", mostUsed(group.strategies, ""));
            row.put("rep", rep);
            row.put("weight", Integer.parseInt(mostUsed(weights, "1")));
            row.put("considered", considered);
            row.put("eligible", eligible);
            row.put("leads", leads);
            row.put("queueLeads", group.handedOut);
            row.put("share", Stats.ratio(leads, group.handedOut));
            row.put("expectedLeads", Math.round(expected * 100) / 100.0);
            row.put("expectedShare", group.handedOut == 0 ? null : Math.round(expected * 10_000.0 / group.handedOut) / 10_000.0);
            row.put("skipped", skipped.values().stream().mapToLong(Long::longValue).sum());
            row.put("skippedFor", skipped);
            return row;
        }
    }
}
