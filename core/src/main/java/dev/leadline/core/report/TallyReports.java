package dev.leadline.core.report;

import dev.leadline.core.common.Transactor;
import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The funnel, conversion, trend, rep, fairness and enrichment-coverage reports read from the kept sums of
 * the tallies ({@link Rollups}), counting what {@link FunnelReport}, {@link ConversionReport},
 * {@link TrendReport}, {@link RepReport} and {@link FairnessReport} count from every fact. In one snapshot
 * of the database:
 * <ul>
 * <li>the month sums of UTC months wholly inside one period of the report (a day, week or month in its
 * zone, or the whole period);</li>
 * <li>the day sums of the other UTC days inside the report, each counted for the period most of its hours
 * are in, its other hours read as hours and moved to theirs;</li>
 * <li>the hour sums of the remaining whole hours;</li>
 * <li>the changes not yet folded into the sums;</li>
 * <li>for the hours the report's edges or its periods cut (a period ending at {@code now}, a time zone not
 * on whole hours), the tallies worked out from the facts of those hours.</li>
 * </ul>
 */
final class TallyReports {
    private static final String SEP = "\u001f";
    private final Rollups rollups;
    private final Transactor transactor;
    private final TeamService team;
    private final Raw leads;

    TallyReports(Rollups rollups, LeadEvents events, Transactor transactor, TeamService team) {
        this.rollups = rollups;
        this.transactor = transactor;
        this.team = team;
        this.leads = (from, to, out) -> {
            for (LeadHistory h : events.historiesBetween(from, to)) {
                String source = LeadTally.orEmpty(h.source());
                String campaign = LeadTally.orEmpty(h.campaign());
                LeadTally.entries(h, (at, q, r, metric, detail, amount) -> out.add(at, q == null ? 0 : q, r == null ? 0 : r, source, campaign,
                        metric, detail, amount));
            }
        };
    }

    /** Entries worked out from the facts of {@code [from, to)}, at their exact instants. */
    interface Raw {
        void entries(Instant from, Instant to, Exact out);
    }

    /** An entry at its exact instant. */
    interface Exact {
        void add(Instant at, long queueId, long repId, String source, String campaign, String metric, String detail, BigDecimal amount);
    }

    /** Decides which group an entry counts in, from its period and dimensions; null: not counted. */
    interface Grouper {
        String group(String period, long queueId, long repId, String source, String campaign);
    }

    /** What one group sums to: counts by metric and detail, amounts by metric and detail. */
    static final class Sums {
        static final Sums NONE = new Sums();
        private final Map<String, Map<String, Long>> counts = new HashMap<>();
        private final Map<String, BigDecimal> amounts = new HashMap<>();

        void add(String metric, String detail, long n, BigDecimal amount) {
            counts.computeIfAbsent(metric, m -> new HashMap<>()).merge(detail, n, Long::sum);
            if (amount != null) {
                amounts.merge(metric + SEP + detail, amount, BigDecimal::add);
            }
        }

        long count(String metric) {
            return counts.getOrDefault(metric, Map.of()).values().stream().mapToLong(Long::longValue).sum();
        }

        long count(String metric, String detail) {
            return counts.getOrDefault(metric, Map.of()).getOrDefault(detail, 0L);
        }

        /** Counts by detail, without details that sum to zero, in order of the details. */
        Map<String, Long> byDetail(String metric) {
            Map<String, Long> out = new TreeMap<>();
            counts.getOrDefault(metric, Map.of()).forEach((detail, n) -> {
                if (n != 0) {
                    out.put(detail, n);
                }
            });
            return out;
        }

        /** The amount summed, added to zero as the reports add it. */
        BigDecimal amount(String metric, String detail) {
            BigDecimal sum = amounts.get(metric + SEP + detail);
            return Stats.amount(sum == null ? null : BigDecimal.ZERO.add(sum));
        }
    }

    Optional<ReportTable> funnel(ReportFilter filter) {
        return cohort(filter).map(groups -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            if (groups.isEmpty() && filter.by().equals("none")) {
                groups.put("all", Sums.NONE);
            }
            groups.forEach((group, sums) -> {
                long created = sums.count(LeadTally.LEAD);
                long previous = created;
                for (FunnelStep step : FunnelStep.values()) {
                    boolean first = step == FunnelStep.CREATED;
                    long reached = first ? created : sums.count(LeadTally.REACHED, step.label());
                    Map<String, Long> reasons = sums.byDetail(LeadTally.DISQUALIFIED_AT + step.label());
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("group", group);
                    row.put("step", step.label());
                    row.put("leads", reached);
                    row.put("fromPrevious", first ? null : Stats.ratio(reached, previous));
                    row.put("fromCreated", Stats.ratio(reached, created));
                    row.put("medianSecondsFromPrevious", first ? null : Stats.percentileSeconds(sums.byDetail(LeadTally.GAP + step.label()), 50));
                    row.put("disqualified", reasons.values().stream().mapToLong(Long::longValue).sum());
                    row.put("disqualifiedReasons", reasons);
                    rows.add(row);
                    previous = reached;
                }
            });
            return new ReportTable("funnel", filter, FunnelReport.COLUMNS, rows);
        });
    }

    Optional<ReportTable> conversion(ReportFilter filter) {
        return cohort(filter).map(groups -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            groups.forEach((group, sums) -> {
                long leads = sums.count(LeadTally.LEAD);
                long converted = sums.count(LeadTally.REACHED, FunnelStep.CONVERTED.label());
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("group", group);
                row.put("leads", leads);
                row.put("converted", converted);
                row.put("rate", Stats.ratio(converted, leads));
                row.put("amount", sums.amount(LeadTally.REACHED, FunnelStep.CONVERTED.label()));
                rows.add(row);
            });
            return new ReportTable("conversion", filter, ConversionReport.COLUMNS, rows);
        });
    }

    /** The cohort reports' groups that hold leads, in order of their names. */
    private Optional<Map<String, Sums>> cohort(ReportFilter filter) {
        int dims = narrowed(filter) | switch (filter.by()) {
            case "source" -> Rollups.SOURCE;
            case "campaign" -> Rollups.CAMPAIGN;
            case "queue" -> Rollups.QUEUE;
            case "rep" -> Rollups.REP;
            default -> 0;
        };
        Function<Instant, String> period = switch (filter.by()) {
            case "week" -> at -> Cohort.week(at.atZone(filter.zone()).toLocalDate()).toString();
            case "month" -> at -> at.atZone(filter.zone()).toLocalDate().toString().substring(0, 7);
            default -> at -> "all";
        };
        Grouper grouper = (p, queue, rep, source, campaign) -> {
            if (!matches(filter, queue, rep, source, campaign)) {
                return null;
            }
            return switch (filter.by()) {
                case "source" -> orNone(source);
                case "campaign" -> orNone(campaign);
                case "queue" -> queue == 0 ? Cohort.NONE : team.queue(queue).map(LeadQueue::name).orElse("queue " + queue);
                case "rep" -> rep == 0 ? Cohort.NONE : team.rep(rep).map(Rep::email).orElse("rep " + rep);
                case "week", "month" -> p;
                default -> "all";
            };
        };
        return sum(filter, dims, period, grouper).map(groups -> {
            Map<String, Sums> withLeads = new TreeMap<>();
            groups.forEach((group, sums) -> {
                if (sums.count(LeadTally.LEAD) != 0) {
                    withLeads.put(group, sums);
                }
            });
            return withLeads;
        });
    }

    Optional<ReportTable> trends(ReportFilter filter) {
        boolean weeks = filter.by().equals("week");
        Function<Instant, String> period = at -> {
            LocalDate day = at.atZone(filter.zone()).toLocalDate();
            return (weeks ? Cohort.week(day) : day).toString();
        };
        Grouper grouper = (p, queue, rep, source, campaign) -> matches(filter, queue, rep, source, campaign) ? p + SEP + orNone(source) : null;
        return sum(filter, narrowed(filter) | Rollups.SOURCE, period, grouper).map(groups -> {
            Map<String, Map<String, Object>> rows = new TreeMap<>();
            LocalDate last = filter.to().minusNanos(1).atZone(filter.zone()).toLocalDate();
            for (LocalDate d = LocalDate.parse(period.apply(filter.from())); !d.isAfter(last); d = d.plusDays(weeks ? 7 : 1)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("period", d.toString());
                row.put("created", 0L);
                row.put("createdBySource", new TreeMap<String, Long>());
                row.put("firstTouches", 0L);
                row.put("conversions", 0L);
                row.put("disqualifications", 0L);
                rows.put(d.toString(), row);
            }
            groups.forEach((key, sums) -> {
                String[] parts = key.split(SEP, 2);
                Map<String, Object> row = rows.get(parts[0]);
                long created = sums.count(LeadTally.LEAD);
                if (created != 0) {
                    row.merge("created", created, (a, b) -> (Long) a + (Long) b);
                    @SuppressWarnings("unchecked")
                    Map<String, Long> bySource = (Map<String, Long>) row.get("createdBySource");
                    bySource.merge(parts[1], created, Long::sum);
                }
                row.merge("firstTouches", sums.count(LeadTally.TOUCHED), (a, b) -> (Long) a + (Long) b);
                row.merge("conversions", sums.count(LeadTally.CONVERTED), (a, b) -> (Long) a + (Long) b);
                row.merge("disqualifications", sums.count(LeadTally.DISQUALIFIED), (a, b) -> (Long) a + (Long) b);
            });
            return new ReportTable("trends", filter, TrendReport.COLUMNS, new ArrayList<>(rows.values()));
        });
    }

    /**
     * Enrichment coverage of the leads created in the period (not merged away), of the source asked:
     * how many have each field, by the provider it came from.
     */
    Optional<ReportTable> enrichedFields(ReportFilter filter) {
        Grouper grouper = (p, queue, rep, source, campaign) -> filter.source().map(s -> s.equalsIgnoreCase(source)).orElse(true) ? "all" : null;
        return sum(filter, filter.source().isPresent() ? Rollups.SOURCE : 0, at -> "all", grouper).map(groups -> {
            Sums sums = groups.getOrDefault("all", Sums.NONE);
            List<QualityFacts.Count> counts = new ArrayList<>();
            sums.byDetail(LeadTally.ENRICHED).forEach((detail, n) -> {
                String[] parts = detail.split(LeadTally.APART, 2);
                counts.add(new QualityFacts.Count(parts[0], parts[1], n, n));
            });
            return QualityReport.fields(counts, sums.count(LeadTally.LEAD), filter);
        });
    }

    /**
     * The fairness report from the routing decisions' tallies ({@link DecisionTally}): per queue, period
     * and member considered, in the order of the queues' names, the periods and the members' emails.
     */
    Optional<ReportTable> fairness(ReportFilter filter, RoutingHistory history) {
        if (!rollups.decisionsReady()) {
            return Optional.empty();
        }
        Grouper grouper = (p, queue, rep, s, c) -> filter.queue().map(q -> q.id() == queue).orElse(true)
                && (rep == 0 || filter.rep().map(r -> r.id() == rep).orElse(true)) ? queue + SEP + p + SEP + rep : null;
        Raw decisions = (from, to, out) -> history.decisionsBetween(from, to).forEach(d -> DecisionTally.entries(d.explanation(),
                (at, q, r, metric, detail, amount) -> out.add(at, q, r, "", "", metric, detail, amount)));
        List<Long> reps = filter.rep().map(r -> List.of(r.id(), 0L)).orElse(List.of());
        Map<String, Sums> groups = sum(filter, Rollups.QUEUE | Rollups.REP, at -> FairnessReport.period(at, filter), grouper, reps, decisions);
        Map<List<String>, Map<Long, Sums>> byQueue = new TreeMap<>(java.util.Comparator.<List<String>, String>comparing(k -> k.get(0))
                .thenComparing(k -> k.get(1)));
        groups.forEach((key, sums) -> {
            String[] parts = key.split(SEP, 3);
            long queue = Long.parseLong(parts[0]);
            String name = team.queue(queue).map(LeadQueue::name).orElse("queue " + queue);
            byQueue.computeIfAbsent(List.of(name, parts[1]), k -> new HashMap<>()).put(Long.parseLong(parts[2]), sums);
        });
        List<Map<String, Object>> rows = new ArrayList<>();
        byQueue.forEach((key, members) -> {
            Sums queue = members.getOrDefault(0L, Sums.NONE);
            long handed = queue.count(DecisionTally.HANDED);
            members.entrySet().stream().filter(m -> m.getKey() != 0 && m.getValue().count(DecisionTally.CONSIDERED) > 0)
                    .map(m -> Map.entry(team.rep(m.getKey()).map(Rep::email).orElse("rep " + m.getKey()), m))
                    .sorted(Map.Entry.<String, Map.Entry<Long, Sums>>comparingByKey().thenComparing(e -> e.getValue().getKey()))
                    .forEach(e -> {
                        Sums m = e.getValue().getValue();
                        double expected = m.amount(DecisionTally.EXPECTED, "").doubleValue();
                        Map<String, Long> skipped = m.byDetail(DecisionTally.SKIPPED);
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("queue", key.get(0));
                        row.put("period", key.get(1));
                        row.put("strategy", FairnessReport.mostUsed(queue.byDetail(DecisionTally.STRATEGY), ""));
                        row.put("rep", e.getKey());
                        row.put("weight", Integer.parseInt(FairnessReport.mostUsed(m.byDetail(DecisionTally.WEIGHT), "1")));
                        row.put("considered", m.count(DecisionTally.CONSIDERED));
                        row.put("eligible", m.count(DecisionTally.ELIGIBLE));
                        row.put("leads", m.count(DecisionTally.CHOSEN));
                        row.put("queueLeads", handed);
                        row.put("share", Stats.ratio(m.count(DecisionTally.CHOSEN), handed));
                        row.put("expectedLeads", Math.round(expected * 100) / 100.0);
                        row.put("expectedShare", handed == 0 ? null : Math.round(expected * 10_000.0 / handed) / 10_000.0);
                        row.put("skipped", skipped.values().stream().mapToLong(Long::longValue).sum());
                        row.put("skippedFor", skipped);
                        rows.add(row);
                    });
        });
        return Optional.of(new ReportTable("fairness", filter, FairnessReport.COLUMNS, rows));
    }

    /** Each rep's counts from the facts that name them, by rep id; empty when the sums cannot answer. */
    Optional<Map<Long, Sums>> reps(ReportFilter filter) {
        Grouper grouper = (p, queue, rep, source, campaign) -> matches(filter, queue, rep, source, campaign) ? Long.toString(rep) : null;
        return sum(filter, narrowed(filter) | Rollups.REP, at -> "all", grouper).map(groups -> {
            Map<Long, Sums> out = new HashMap<>();
            groups.forEach((rep, sums) -> out.put(Long.parseLong(rep), sums));
            return out;
        });
    }

    /** The dimensions the report is narrowed by. */
    private static int narrowed(ReportFilter f) {
        return (f.queue().isPresent() ? Rollups.QUEUE : 0) | (f.rep().isPresent() ? Rollups.REP : 0)
                | (f.source().isPresent() ? Rollups.SOURCE : 0) | (f.campaign().isPresent() ? Rollups.CAMPAIGN : 0);
    }

    private static boolean matches(ReportFilter f, long queue, long rep, String source, String campaign) {
        return f.queue().map(q -> q.id() == queue).orElse(true) && f.rep().map(r -> r.id() == rep).orElse(true)
                && f.source().map(s -> s.equalsIgnoreCase(source)).orElse(true) && f.campaign().map(c -> c.equalsIgnoreCase(campaign)).orElse(true);
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? Cohort.NONE : value;
    }

    /**
     * The sums of the entries in the report's period by group; empty while the tallies are still being
     * worked out. {@code period} names the period of the report an instant falls in.
     */
    private Optional<Map<String, Sums>> sum(ReportFilter f, int dims, Function<Instant, String> period, Grouper grouper) {
        if (!rollups.ready()) {
            return Optional.empty();
        }
        return Optional.of(sum(f, dims, period, grouper, f.rep().map(r -> List.of(r.id())).orElse(List.of()), leads));
    }

    /**
     * As {@link #sum(ReportFilter, int, Function, Grouper)}, the kept rows narrowed to {@code reps} (any when
     * empty), the hours the report cuts worked out by {@code raw}.
     */
    private Map<String, Sums> sum(ReportFilter f, int dims, Function<Instant, String> period, Grouper grouper, List<Long> reps, Raw raw) {
        long first = Math.floorDiv(f.from().getEpochSecond(), 3600);
        long end = Math.floorDiv(f.to().getEpochSecond() + 3599, 3600);
        int hours = (int) (end - first);
        String[] labels = new String[hours];
        for (int i = 0; i < hours; i++) {
            Instant start = Instant.ofEpochSecond((first + i) * 3600);
            Instant stop = start.plusSeconds(3600);
            if (!start.isBefore(f.from()) && !stop.isAfter(f.to())) {
                String label = period.apply(start);
                labels[i] = label.equals(period.apply(stop.minusNanos(1))) ? label : null;
            }
        }
        // each hour is read at the coarsest level it can be: a UTC month wholly inside one period; else a UTC day
        // wholly inside the report, counted for the period most of its hours are in, its other hours read as hours
        // and moved from that period to theirs; else an hour
        List<long[]> monthSpans = new ArrayList<>();
        List<long[]> daySpans = new ArrayList<>();
        List<long[]> hourSpans = new ArrayList<>();
        List<long[]> rawSpans = new ArrayList<>();
        boolean[] covered = new boolean[hours];
        String[] movedFrom = new String[hours];
        Map<Long, String> dayLabels = new HashMap<>();
        LocalDate firstDay = LocalDate.ofEpochDay(Math.floorDiv(first, 24));
        for (LocalDate month = firstDay.withDayOfMonth(1); month.toEpochDay() * 24 < end; month = month.plusMonths(1)) {
            long from = month.toEpochDay() * 24;
            long to = month.plusMonths(1).toEpochDay() * 24;
            if (whole(labels, first, hours, from, to)) {
                extend(monthSpans, from, to);
                java.util.Arrays.fill(covered, (int) (from - first), (int) (to - first), true);
            }
        }
        for (long day = Math.floorDiv(first, 24); day * 24 < end; day++) {
            int at = (int) (day * 24 - first);
            if (at < 0 || at + 24 > hours || covered[at] || java.util.Arrays.stream(labels, at, at + 24).anyMatch(l -> l == null)) {
                continue;
            }
            String most = java.util.Arrays.stream(labels, at, at + 24).collect(java.util.stream.Collectors.groupingBy(l -> l,
                    java.util.stream.Collectors.counting())).entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            extend(daySpans, day * 24, day * 24 + 24);
            dayLabels.put(day * 24, most);
            for (int h = at; h < at + 24; h++) {
                covered[h] = labels[h].equals(most);
                movedFrom[h] = covered[h] ? null : most;
            }
        }
        for (int i = 0; i < hours; i++) {
            if (labels[i] == null) {
                extend(rawSpans, first + i, first + i + 1);
            } else if (!covered[i]) {
                extend(hourSpans, first + i, first + i + 1);
            }
        }
        Rollups.Cut cut = Rollups.Cut.keeping(dims);
        Optional<Long> queue = f.queue().map(LeadQueue::id);
        return transactor.inTransaction(() -> {
            Map<String, Sums> groups = new HashMap<>();
            Tally.Sink kept = (hour, q, r, s, c, metric, detail, n, amount) -> {
                String group = grouper.group(labels[(int) (hour - first)], q, r, s, c);
                if (group != null) {
                    groups.computeIfAbsent(group, g -> new Sums()).add(metric, detail, n, amount);
                }
            };
            if (!monthSpans.isEmpty()) {
                rollups.read(cut, Rollups.MONTHS, monthSpans, reps, queue, kept);
            }
            if (!daySpans.isEmpty()) {
                rollups.read(cut, Rollups.DAYS, daySpans, reps, queue, (day, q, r, s, c, metric, detail, n, amount) -> {
                    String group = grouper.group(dayLabels.get(day), q, r, s, c);
                    if (group != null) {
                        groups.computeIfAbsent(group, g -> new Sums()).add(metric, detail, n, amount);
                    }
                });
            }
            if (!hourSpans.isEmpty()) {
                rollups.read(cut, Rollups.HOURS, hourSpans, reps, queue, (hour, q, r, s, c, metric, detail, n, amount) -> {
                    kept.add(hour, q, r, s, c, metric, detail, n, amount);
                    String from = movedFrom[(int) (hour - first)];
                    String group = from == null ? null : grouper.group(from, q, r, s, c);
                    if (group != null) {
                        groups.computeIfAbsent(group, g -> new Sums()).add(metric, detail, -n, amount == null ? null : amount.negate());
                    }
                });
            }
            rollups.pending((hour, q, r, s, c, metric, detail, n, amount) -> {
                if (hour >= first && hour < end && labels[(int) (hour - first)] != null) {
                    kept.add(hour, q, r, s, c, metric, detail, n, amount);
                }
            });
            for (long[] span : rawSpans) {
                Instant from = max(f.from(), Instant.ofEpochSecond(span[0] * 3600));
                Instant to = min(f.to(), Instant.ofEpochSecond(span[1] * 3600));
                raw.entries(from, to, (at, q, r, s, c, metric, detail, amount) -> {
                    if (!at.isBefore(from) && at.isBefore(to)) {
                        String group = grouper.group(period.apply(at), q, r, s, c);
                        if (group != null) {
                            groups.computeIfAbsent(group, g -> new Sums()).add(metric, detail, 1, amount);
                        }
                    }
                });
            }
            return groups;
        });
    }

    /** Whether the hours {@code [from, to)} are all inside the report and in one of its periods. */
    private static boolean whole(String[] labels, long first, int hours, long from, long to) {
        if (from < first || to > first + hours || labels[(int) (from - first)] == null) {
            return false;
        }
        String label = labels[(int) (from - first)];
        for (long h = from; h < to; h++) {
            if (!label.equals(labels[(int) (h - first)])) {
                return false;
            }
        }
        return true;
    }

    private static void extend(List<long[]> spans, long from, long to) {
        if (!spans.isEmpty() && spans.get(spans.size() - 1)[1] == from) {
            spans.get(spans.size() - 1)[1] = to;
        } else {
            spans.add(new long[] {from, to});
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
