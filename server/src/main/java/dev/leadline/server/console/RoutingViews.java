package dev.leadline.server.console;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.leadline.core.lead.Lead;
import dev.leadline.core.lead.LeadData;
import dev.leadline.core.lead.LeadField;
import dev.leadline.core.routing.DraftTrial;
import dev.leadline.core.team.LeadQueue;
import dev.leadline.core.team.Rep;
import dev.leadline.core.team.TeamService;
import dev.leadline.server.config.ConfigProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The Routing page's values, in words: a rule set drawn as a graph, a draft's problems and dry run, and a diff of two versions. */
public final class RoutingViews {
    private RoutingViews() {}

    /** A purpose to choose, with its state ({@code version 3}, {@code no rules}). */
    public record PurposeLink(String name, String href, boolean current, String state) {}

    /** A stored version; {@code deleted} when that version removed the rules. */
    public record VersionRow(int version, String at, String by, boolean deleted, String href, boolean shown) {}

    /** A rule set drawn: its entries in order, the default last. */
    public record Graph(String title, List<Node> entries) {}

    /** An entry: its conditions (indented by depth) and where it sends a lead; {@code options}: notify, SLA, no reassignment. */
    public record Node(int number, String name, List<Condition> conditions, String target, String options) {}

    public record Condition(int depth, String text) {}

    /** A unified diff; each line's {@code kind} is {@code add}, {@code del}, {@code hunk}, {@code head} or {@code same}. */
    public record Diff(int from, int to, List<DiffLine> lines) {
        public boolean same() {
            return lines.isEmpty();
        }
    }

    public record DiffLine(String kind, String text) {
        /** What a screen reader says before the line, as the colour cannot. */
        public String sign() {
            return switch (kind) {
                case "add" -> "added";
                case "del" -> "removed";
                default -> "";
            };
        }
    }

    /** What the editor's Check or Dry run answered: problems (each at its line), else the draft's graph and, for a dry run, the table. */
    public record DraftResult(List<Problem> problems, Graph graph, Trial trial) {
        public boolean refused() {
            return !problems.isEmpty();
        }
    }

    public record Problem(int line, String path, String message) {}

    public record Trial(String summary, int leads, long changed, List<TrialRow> rows) {}

    public record TrialRow(String lead, String href, String name, String got, String gotEntry, String would, String wouldEntry, boolean changed) {}

    static List<Problem> problems(List<ConfigProblem> problems) {
        return problems.stream().map(p -> new Problem(p.line(), p.path().isEmpty() ? "the rule set" : p.path(), p.message())).toList();
    }

    static Diff diff(int from, String before, int to, String after) {
        List<String> old = before.lines().toList();
        List<String> now = after.lines().toList();
        List<String> unified = UnifiedDiffUtils.generateUnifiedDiff("version " + from, "version " + to, old, DiffUtils.diff(old, now), 3);
        List<DiffLine> lines = new ArrayList<>();
        for (String line : unified) {
            String kind = line.startsWith("+++") || line.startsWith("---") ? "head" : line.startsWith("@@") ? "hunk"
                    : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "same";
            lines.add(new DiffLine(kind, line));
        }
        return new Diff(from, to, lines);
    }

    static Trial trial(DraftTrial trial, TeamService team) {
        List<TrialRow> rows = trial.rows().stream().map(row -> new TrialRow(row.lead().id().toString(), "/console/leads/" + row.lead().id(),
                name(row.lead()), place(row.got(), team), entry(row.got()), place(row.would(), team), entry(row.would()), row.changed())).toList();
        String of = rows.size() < trial.asked() ? " (" + trial.asked() + " asked; the " + trial.decidedBy() + " rules routed " + rows.size() + ")" : "";
        return new Trial(trial.changed() + " of " + rows.size() + " leads would go elsewhere" + of + "; nothing was stored.", rows.size(),
                trial.changed(), rows);
    }

    private static String name(Lead lead) {
        LeadData data = lead.data();
        String person = Stream.of(data.getOrNull(LeadField.FIRST_NAME), data.getOrNull(LeadField.LAST_NAME)).filter(Objects::nonNull)
                .collect(Collectors.joining(" "));
        String company = data.getOrNull(LeadField.COMPANY);
        return person.isEmpty() ? (company == null ? "" : company) : person + (company == null ? "" : ", " + company);
    }

    private static String entry(DraftTrial.Place place) {
        return place.entry() == null ? "" : "by " + place.entry();
    }

    private static String place(DraftTrial.Place place, TeamService team) {
        String queue = place.queueId() == null ? "" : team.queue(place.queueId()).map(LeadQueue::name).orElse("queue " + place.queueId());
        String rep = place.repId() == null ? "" : team.rep(place.repId()).map(Rep::name).orElse("rep " + place.repId());
        return switch (place.outcome()) {
            case "ASSIGN" -> rep + (queue.isEmpty() ? "" : " (through " + queue + ")");
            case "OFFER" -> "offered to " + queue + (rep.isEmpty() ? "" : ", now " + rep);
            case "HOLD" -> "held in " + queue;
            case "KEEP" -> "kept with " + rep;
            default -> "not routed";
        };
    }

    /** The rule set as written, drawn entry by entry: conditions → target. */
    static Graph graph(String title, Map<String, Object> document) {
        List<Node> nodes = new ArrayList<>();
        Object entries = document.get("entries");
        if (entries instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> entry) {
                    List<Condition> conditions = new ArrayList<>();
                    if (entry.get("when") == null) {
                        conditions.add(new Condition(0, "every lead"));
                    } else {
                        conditions(entry.get("when"), 0, conditions);
                    }
                    nodes.add(new Node(nodes.size() + 1, String.valueOf(entry.get("name")), conditions, target(entry.get("to")), options(entry)));
                }
            }
        }
        if (document.get("default") != null) {
            nodes.add(new Node(nodes.size() + 1, "default", List.of(new Condition(0, "every lead no entry took")), target(document.get("default")), ""));
        }
        return new Graph(title, nodes);
    }

    private static void conditions(Object node, int depth, List<Condition> out) {
        if (depth > 10 || !(node instanceof Map<?, ?> map)) {
            out.add(new Condition(depth, String.valueOf(node)));
            return;
        }
        for (String group : List.of("all", "any")) {
            if (map.get(group) instanceof List<?> parts) {
                out.add(new Condition(depth, group.equals("all") ? "all of:" : "any of:"));
                parts.forEach(part -> conditions(part, depth + 1, out));
                return;
            }
        }
        if (map.containsKey("not")) {
            out.add(new Condition(depth, "not:"));
            conditions(map.get("not"), depth + 1, out);
            return;
        }
        Object values = map.containsKey("values") ? map.get("values") : map.get("value");
        String shown = values instanceof List<?> many ? many.stream().map(String::valueOf).collect(Collectors.joining(", "))
                : values == null ? "" : String.valueOf(values);
        out.add(new Condition(depth, map.get("field") + " " + (map.get("op") == null ? "eq" : map.get("op")) + (shown.isEmpty() ? "" : " " + shown)));
    }

    private static String target(Object to) {
        if (!(to instanceof Map<?, ?> map) || map.isEmpty()) {
            return String.valueOf(to);
        }
        Map.Entry<?, ?> only = map.entrySet().iterator().next();
        return switch (String.valueOf(only.getKey())) {
            case "queue" -> "queue " + only.getValue();
            case "rep" -> "rep " + only.getValue();
            case "accountOwner" -> "the matched account's owner";
            case "keepOwner" -> "keep the owner";
            default -> String.valueOf(to);
        };
    }

    private static String options(Map<?, ?> entry) {
        List<String> options = new ArrayList<>();
        if (entry.get("notify") != null) {
            options.add("also posted to " + entry.get("notify"));
        }
        if (entry.get("sla") != null) {
            options.add("SLA of " + entry.get("sla"));
        }
        if (Boolean.TRUE.equals(entry.get("doNotReassign"))) {
            options.add("never reassigned");
        }
        return String.join("; ", options);
    }
}
